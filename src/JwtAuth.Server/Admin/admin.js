"use strict";
// The admin page: logs in through /api/token/ and drives /api/admin/. The access token lives in
// this page's memory only (no storage), and every write is confirmed by reloading the lists.
(() => {
  let access = null, refresh = null;
  let selected = null;
  // Each list remembers the URL of its current page; the API gives the next and previous ones.
  // `/admin/?page_size=N` sets the page size of every list (the API caps it).
  const size = new URLSearchParams(location.search).get("page_size");
  const sized = (path) => size ? path + (path.includes("?") ? "&" : "?") + "page_size=" + encodeURIComponent(size) : path;
  const pages = { users: sized("/api/admin/users/"), sessions: null, tokens: null, audit: sized("/api/admin/audit/") };
  const links = { users: {}, sessions: {}, tokens: {}, audit: {} };
  const $ = (id) => document.getElementById(id);
  const showError = (text) => { $("error").textContent = text || ""; };
  const when = (value) => value ? new Date(value).toLocaleString() : "";

  const send = (method, path, body) => fetch(path, {
    method,
    headers: Object.assign({ "Authorization": "Bearer " + access }, body ? { "Content-Type": "application/json" } : {}),
    body: body ? JSON.stringify(body) : undefined,
  });

  // An access token lives minutes; when the API refuses it, the page refreshes once and retries.
  async function renew() {
    const response = await fetch("/api/token/refresh/", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ refresh }),
    });
    if (!response.ok) return false;
    const data = await response.json();
    access = data.access;
    refresh = data.refresh || refresh;
    return true;
  }

  async function api(method, path, body) {
    let response = await send(method, path, body);
    if (response.status === 401 && refresh && await renew()) response = await send(method, path, body);
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
      showError("");
      try { await action(); await refreshAll(); } catch (e) { showError(e.message); }
    });
    td.appendChild(b);
  }

  // Loads one page of a list into its table body and sets its pager; a page that emptied (its last
  // row was deleted) falls back to the first page.
  async function loadList(name, render) {
    let data;
    try { data = await api("GET", pages[name]); }
    catch (e) {
      if (e.message !== "Invalid page.") throw e;
      pages[name] = pages[name].replace(/([?&])page=\d+&?/, "$1").replace(/[?&]$/, "");
      data = await api("GET", pages[name]);
    }
    links[name] = { next: data.next, previous: data.previous };
    $(name + "-next").disabled = !data.next;
    $(name + "-previous").disabled = !data.previous;
    $(name + "-count").textContent = `${data.count} in all`;
    const body = name === "users" ? $("users") : $(name).querySelector("tbody");
    body.replaceChildren();
    for (const item of data.results) body.appendChild(render(item));
  }

  const loadUsers = () => loadList("users", (u) => {
    const row = document.createElement("tr");
    cell(row, u.username);
    cell(row, u.email || "");
    cell(row, u.is_active ? "yes" : "no");
    cell(row, u.is_staff ? "yes" : "no");
    cell(row, String(u.active_sessions));
    cell(row, u.last_login ? when(u.last_login) : "never");
    const actions = cell(row, "");
    const id = encodeURIComponent(u.id);
    button(actions, "Details", () => select(u));
    button(actions, "End sessions", () => api("POST", `/api/admin/users/${id}/logout/`));
    button(actions, u.is_active ? "Disable" : "Enable", () => api("POST", `/api/admin/users/${id}/${u.is_active ? "disable" : "enable"}/`));
    button(actions, "Delete", async () => {
      if (!confirm(`Delete ${u.username}?`)) return;
      await api("DELETE", `/api/admin/users/${id}/`);
      if (selected && selected.id === u.id) { selected = null; $("detail").hidden = true; }
    });
    return row;
  });

  const loadSessions = () => loadList("sessions", (s) => {
    const row = document.createElement("tr");
    [s.id, when(s.created_at), when(s.last_used_at), when(s.expires_at), s.user_agent || "", s.ip_address || "", s.sign_in_method || ""]
      .forEach((t) => cell(row, t));
    button(cell(row, ""), "End", () => api("DELETE", `/api/admin/users/${encodeURIComponent(selected.id)}/sessions/${encodeURIComponent(s.id)}/`));
    return row;
  });

  const loadTokens = () => loadList("tokens", (t) => {
    const row = document.createElement("tr");
    [t.jti, t.session, when(t.created_at), when(t.expires_at), t.blacklisted_at ? when(t.blacklisted_at) : "outstanding", t.blacklist_reason || ""]
      .forEach((text) => cell(row, text));
    return row;
  });

  const loadAudit = () => loadList("audit", (e) => {
    const row = document.createElement("tr");
    [when(e.occurred_at), e.kind, e.detail || "", e.user == null ? "" : String(e.user), e.session || "",
      e.actor == null ? "" : String(e.actor), e.ip_address || "", e.user_agent || ""].forEach((text) => cell(row, text));
    return row;
  });

  // The filters as the API reads them; a local date and time is sent as the instant it names here.
  function auditPath() {
    const query = new URLSearchParams();
    const user = $("audit-user").value.trim(), session = $("audit-session").value.trim();
    if (user) query.set("user", user);
    if ($("audit-kind").value) query.set("kind", $("audit-kind").value);
    if (session) query.set("session", session);
    for (const name of ["from", "to"]) {
      const value = $("audit-" + name).value;
      if (value) query.set(name, new Date(value).toISOString());
    }
    const text = query.toString();
    return sized("/api/admin/audit/" + (text ? "?" + text : ""));
  }

  async function select(user) {
    selected = user;
    const id = encodeURIComponent(user.id);
    pages.sessions = sized(`/api/admin/users/${id}/sessions/`);
    pages.tokens = sized(`/api/admin/users/${id}/tokens/`);
    $("sessions-title").textContent = `Active sessions of ${user.username}`;
    $("tokens-title").textContent = `Refresh tokens of ${user.username}`;
    $("detail").hidden = false;
  }

  async function refreshAll() {
    await loadUsers();
    if (selected) { await loadSessions(); await loadTokens(); }
    await loadAudit();
  }

  for (const name of ["users", "sessions", "tokens", "audit"]) {
    for (const direction of ["next", "previous"]) {
      $(`${name}-${direction}`).addEventListener("click", async () => {
        showError("");
        if (!links[name][direction]) return;
        pages[name] = links[name][direction];
        try { await refreshAll(); } catch (e) { showError(e.message); }
      });
    }
  }

  $("search-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    showError("");
    const term = $("search").value.trim();
    pages.users = sized("/api/admin/users/" + (term ? "?search=" + encodeURIComponent(term) : ""));
    try { await loadUsers(); } catch (e) { showError(e.message); }
  });

  $("audit-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    showError("");
    pages.audit = auditPath();
    try { await loadAudit(); } catch (e) { showError(e.message); }
  });

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
      await loadAudit();
      $("who").textContent = $("username").value;
      $("login").hidden = true;
      $("panel").hidden = false;
    } catch (e) { showError(e.message); }
  });

  $("reload").addEventListener("click", () => refreshAll().catch((e) => showError(e.message)));
  $("logout").addEventListener("click", async () => {
    try { await api("POST", "/api/logout/", { refresh }); } catch (e) { /* the session may already be gone */ }
    access = refresh = null;
    selected = null;
    $("detail").hidden = true;
    $("panel").hidden = true;
    $("login").hidden = false;
  });
})();
