"use strict";
// The demo page of cookie mode: the tokens are HttpOnly cookies the browser sends by itself, so
// this script never holds one. It asks for cookies with X-JwtAuth-Transport, and sends the CSRF
// header on every request that changes something.
(() => {
  const CSRF = { "X-JwtAuth-CSRF": "1" };
  const $ = (id) => document.getElementById(id);
  const say = (text) => { $("status").textContent = text || ""; };
  const showError = (text) => { $("error").textContent = text || ""; };

  async function call(method, path, body, retried) {
    const headers = Object.assign({}, method === "GET" ? {} : CSRF, body ? { "Content-Type": "application/json" } : {});
    const response = await fetch(path, { method, headers, body: body ? JSON.stringify(body) : undefined });
    // An expired access cookie: refresh once with the refresh cookie, then retry.
    if (response.status === 401 && !retried && path !== "/api/token/refresh/" && await refresh()) return call(method, path, body, true);
    if (response.status === 204 || response.status === 205) return null;
    const data = await response.json().catch(() => null);
    if (!response.ok) {
      const error = new Error((data && data.detail) || ("HTTP " + response.status));
      error.status = response.status;
      throw error;
    }
    return data;
  }

  async function refresh() {
    const response = await fetch("/api/token/refresh/", { method: "POST", headers: CSRF });
    return response.ok;
  }

  function signedOut(message) {
    $("panel").hidden = true;
    $("login").hidden = false;
    $("me-json").hidden = true;
    say(message);
  }

  async function loadSessions() {
    const sessions = await call("GET", "/api/sessions/");
    const body = $("sessions");
    body.replaceChildren();
    for (const s of sessions) {
      const row = document.createElement("tr");
      [s.id + (s.current ? " (this one)" : ""), new Date(s.created_at).toLocaleString(), new Date(s.last_used_at).toLocaleString(),
       s.user_agent || "", s.ip_address || ""].forEach((text) => {
        const td = document.createElement("td");
        td.textContent = text;
        row.appendChild(td);
      });
      const td = document.createElement("td");
      const end = document.createElement("button");
      end.type = "button";
      end.textContent = "End";
      end.addEventListener("click", () => run(async () => {
        await call("DELETE", `/api/sessions/${encodeURIComponent(s.id)}/`);
        if (s.current) { signedOut("This session has ended."); return; }
        await loadSessions();
        say("Session ended.");
      }));
      td.appendChild(end);
      row.appendChild(td);
      body.appendChild(row);
    }
  }

  async function showPanel() {
    const me = await call("GET", "/api/me/");
    $("who").textContent = me.username;
    $("login").hidden = true;
    $("panel").hidden = false;
    await loadSessions();
  }

  // Runs an action; a 401 means the session is gone (ended elsewhere): back to the login form.
  async function run(action) {
    showError("");
    try { await action(); }
    catch (e) {
      if (e.status === 401) signedOut("Signed out: " + e.message);
      else showError(e.message);
    }
  }

  $("login").addEventListener("submit", (event) => {
    event.preventDefault();
    run(async () => {
      const response = await fetch("/api/token/", {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-JwtAuth-Transport": "cookie" },
        body: JSON.stringify({ username: $("username").value, password: $("password").value }),
      });
      const data = await response.json().catch(() => null);
      if (!response.ok) { showError((data && data.detail) || ("HTTP " + response.status)); return; }
      $("password").value = "";
      await showPanel();
      say("Signed in.");
    });
  });

  $("me").addEventListener("click", () => run(async () => {
    const me = await call("GET", "/api/me/");
    $("me-json").textContent = JSON.stringify(me, null, 2);
    $("me-json").hidden = false;
  }));
  $("refresh").addEventListener("click", () => run(async () => {
    if (!await refresh()) { signedOut("Signed out: the session can no longer be refreshed."); return; }
    say("Tokens refreshed at " + new Date().toLocaleTimeString() + ".");
    await loadSessions();
  }));
  $("logout").addEventListener("click", () => run(async () => {
    await call("POST", "/api/logout/");
    signedOut("Logged out.");
  }));
  $("logout-all").addEventListener("click", () => run(async () => {
    await call("POST", "/api/logout/all/");
    signedOut("Logged out everywhere.");
  }));

  // Already signed in (the cookies outlive a reload)?
  showPanel().catch(() => signedOut(""));
})();
