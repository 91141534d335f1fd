"use strict";
// The admin page: logs in through /api/token/ and drives /api/admin/. The access token lives in
// this page's memory only (no storage), and every write is confirmed by reloading the list.
(() => {
  let access = null, refresh = null;
  const $ = (id) => document.getElementById(id);
  const showError = (text) => { $("error").textContent = text || ""; };

  async function api(method, path, body) {
    const response = await fetch(path, {
      method,
      headers: Object.assign({ "Authorization": "Bearer " + access }, body ? { "Content-Type": "application/json" } : {}),
      body: body ? JSON.stringify(body) : undefined,
    });
    if (response.status === 204 || response.status === 205) return null;
    const data = await response.json().catch(() => null);
    if (!response.ok) throw new Error((data && data.detail) || ("HTTP " + response.status));
    return data;
  }

  function cell(row, text) {
    const td = document.createElement("td");
    td.textContent = text;
    row.appendChild(td);
    return td;
  }

  function button(td, label, action) {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.addEventListener("click", async () => {
      try { await action(); await loadUsers(); } catch (e) { showError(e.message); }
    });
    td.appendChild(b);
  }

  async function loadUsers() {
    showError("");
    const users = await api("GET", "/api/admin/users/");
    const body = $("users");
    body.replaceChildren();
    for (const u of users) {
      const row = document.createElement("tr");
      cell(row, u.username);
      cell(row, u.email || "");
      cell(row, u.is_active ? "yes" : "no");
      cell(row, u.is_staff ? "yes" : "no");
      cell(row, String(u.active_sessions));
      cell(row, u.last_login ? new Date(u.last_login).toLocaleString() : "never");
      const actions = cell(row, "");
      button(actions, "Sessions", () => loadSessions(u));
      button(actions, "End sessions", () => api("POST", `/api/admin/users/${encodeURIComponent(u.id)}/logout/`));
      button(actions, u.is_active ? "Disable" : "Enable",
        () => api("POST", `/api/admin/users/${encodeURIComponent(u.id)}/${u.is_active ? "disable" : "enable"}/`));
      button(actions, "Delete", () => confirm(`Delete ${u.username}?`)
        ? api("DELETE", `/api/admin/users/${encodeURIComponent(u.id)}/`) : null);
      body.appendChild(row);
    }
  }

  async function loadSessions(user) {
    const sessions = await api("GET", `/api/admin/users/${encodeURIComponent(user.id)}/sessions/`);
    $("sessions-title").textContent = `Active sessions of ${user.username}`;
    $("sessions-title").hidden = false;
    const table = $("sessions");
    table.hidden = false;
    const body = table.querySelector("tbody");
    body.replaceChildren();
    for (const s of sessions) {
      const row = document.createElement("tr");
      [s.id, new Date(s.created_at).toLocaleString(), new Date(s.last_used_at).toLocaleString(),
       new Date(s.expires_at).toLocaleString(), s.user_agent || "", s.ip_address || "", s.sign_in_method || ""].forEach((t) => cell(row, t));
      body.appendChild(row);
    }
  }

  $("login").addEventListener("submit", async (event) => {
    event.preventDefault();
    showError("");
    const response = await fetch("/api/token/", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ username: $("username").value, password: $("password").value }),
    });
    const data = await response.json().catch(() => null);
    if (!response.ok) { showError((data && data.detail) || ("HTTP " + response.status)); return; }
    access = data.access; refresh = data.refresh;
    $("password").value = "";
    try {
      await loadUsers();
      $("who").textContent = $("username").value;
      $("login").hidden = true;
      $("panel").hidden = false;
    } catch (e) { showError(e.message); }
  });

  $("reload").addEventListener("click", () => loadUsers().catch((e) => showError(e.message)));
  $("logout").addEventListener("click", async () => {
    try { await api("POST", "/api/logout/", { refresh }); } catch (e) { /* the session may already be gone */ }
    access = refresh = null;
    $("panel").hidden = true;
    $("login").hidden = false;
  });
})();
