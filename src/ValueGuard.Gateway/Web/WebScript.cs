namespace ValueGuard.Gateway.Web;

/// <summary>
/// The web UI's script: sign-in with the token (kept in session storage, sent as a bearer token), polling of
/// <c>/api/status</c> every 2 s, and acknowledge/snooze with a reason. Data is put in the page as text, never as markup.
/// </summary>
internal static class WebScript
{
    public const string Js = """
        "use strict";
        const $ = (id) => document.getElementById(id);
        const key = "valueguard-token";
        let timer = null, action = null;
        const stateClass = (s) => ({ Compliant: "ok", ClosedMet: "ok", Recovered: "ok", AtRisk: "risk", Breached: "bad", Escalated: "bad",
          ClosedMissed: "bad", Acknowledged: "ack" })[s] || "unknown";
        const time = (t) => t ? new Date(t).toISOString().replace("T", " ").slice(0, 16) + " UTC" : "-";
        function cell(row, text, cls) { const td = document.createElement("td"); td.textContent = text ?? "-"; if (cls) td.className = cls; row.appendChild(td); return td; }
        function badge(text, cls) { const s = document.createElement("span"); s.className = "state " + cls; s.textContent = text; return s; }
        async function api(path, options = {}) {
          const headers = Object.assign({ "Authorization": "Bearer " + sessionStorage.getItem(key) }, options.headers || {});
          const response = await fetch(path, Object.assign({}, options, { headers }));
          if (response.status === 401) { signOut("The token was refused."); throw new Error("unauthorized"); }
          return response;
        }
        function signOut(message) {
          sessionStorage.removeItem(key); clearInterval(timer); timer = null;
          $("app").hidden = true; $("login").hidden = false; $("login-error").textContent = message || "";
        }
        async function refresh() {
          let status;
          try { status = await (await api("/api/status")).json(); } catch { return; }
          $("login").hidden = true; $("app").hidden = false;
          $("site").textContent = status.site;
          $("updated").textContent = "Updated " + time(status.now);
          const clauses = $("clauses").tBodies[0]; clauses.replaceChildren();
          const timelines = $("timelines"); timelines.replaceChildren();
          for (const c of status.clauses) {
            const row = clauses.insertRow(); row.dataset.clause = c.contract + "/" + c.clause;
            const th = document.createElement("th"); th.scope = "row"; th.textContent = c.contract + "/" + c.clause; th.title = c.text; row.appendChild(th);
            cell(row, "").appendChild(badge(c.state, stateClass(c.state)));
            cell(row, c.verdict); cell(row, c.value); cell(row, c.target);
            cell(row, c.coverage == null ? "-" : (c.coverage * 100).toFixed(2) + "%"); cell(row, time(c.since));
            const actions = cell(row, "");
            if (["Breached", "Escalated"].includes(c.state)) {
              for (const [name, label] of [["acknowledge", "Acknowledge"], ["snooze", "Snooze"]]) {
                const b = document.createElement("button"); b.type = "button"; b.textContent = label;
                b.setAttribute("aria-label", label + " " + c.contract + "/" + c.clause);
                b.addEventListener("click", () => openAction(name, c)); actions.appendChild(b);
              }
            }
            const details = document.createElement("details"); const summary = document.createElement("summary");
            summary.textContent = c.contract + "/" + c.clause + ": " + c.state; details.appendChild(summary);
            const list = document.createElement("ol"); list.className = "timeline";
            for (const t of c.timeline) { const li = document.createElement("li"); li.textContent = time(t.at) + ": " + t.from + " → " + t.to; list.appendChild(li); }
            details.appendChild(list); timelines.appendChild(details);
          }
          const episodes = $("episodes").tBodies[0]; episodes.replaceChildren();
          for (const e of status.episodes) {
            const row = episodes.insertRow();
            cell(row, e.episode); cell(row, time(e.breached_at)); cell(row, time(e.acknowledged_at));
            cell(row, e.ended_at ? time(e.ended_at) + " (" + e.ended_as + ")" : e.ended_as); cell(row, String(e.escalation_level));
            cell(row, e.tickets.map(t => t.sink + ": " + (t.remote_id || t.status)).join(", ") || "-");
          }
          const devices = $("devices").tBodies[0]; devices.replaceChildren();
          for (const d of status.devices) {
            const row = devices.insertRow();
            cell(row, d.device); cell(row, d.profile); cell(row, time(d.last_contact));
            cell(row, d.signals.map(s => s.signal + " = " + (s.value ?? "-")).join(", "));
          }
          const b = status.buffer, dl = $("buffer"); dl.replaceChildren();
          for (const [term, value] of [["Store", b.store], ["Spool pending records", b.spool_pending_records ?? "-"], ["Spool size (bytes)", b.spool_bytes ?? "-"],
              ["Ticket actions pending", b.outbox_pending], ["Ticket actions failed for good", b.outbox_dead], ["Ticket actions delivered", b.outbox_delivered],
              ["Evidence ledger", b.ledger_records + " records, head " + b.ledger_head]]) {
            const dt = document.createElement("dt"); dt.textContent = term; const dd = document.createElement("dd"); dd.textContent = String(value); dl.append(dt, dd);
          }
          for (const d of b.dead_actions) {
            const dt = document.createElement("dt"); dt.textContent = "Failed ticket action " + d.id + " (retry: valueguard escalation retry --id " + d.id + ")";
            const dd = document.createElement("dd"); dd.textContent = d.sink + " " + d.key + ", " + d.attempts + " attempts: " + (d.last_error ?? "-"); dl.append(dt, dd);
          }
        }
        function openAction(name, clause) {
          action = { name, clause };
          $("action-title").textContent = (name === "acknowledge" ? "Acknowledge " : "Snooze ") + clause.contract + "/" + clause.clause;
          $("minutes").hidden = $("minutes-label").hidden = name !== "snooze";
          $("action-form").hidden = false; $("reason").value = ""; $("reason").focus();
        }
        async function submitAction(event) {
          event.preventDefault();
          if (!action) return;
          const c = action.clause, body = { reason: $("reason").value };
          if (action.name === "snooze") body.minutes = Number($("minutes").value);
          const response = await api("/api/clauses/" + encodeURIComponent(c.contract) + "/" + encodeURIComponent(c.clause) + "/" + action.name,
            { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
          const result = await response.json();
          $("action-result").textContent = result.message; $("action-result").className = response.ok ? "" : "error";
          $("action-form").hidden = true; action = null;
          await refresh();
        }
        function start() { refresh(); if (!timer) timer = setInterval(refresh, 2000); }
        document.addEventListener("DOMContentLoaded", () => {
          $("login-form").addEventListener("submit", (e) => { e.preventDefault(); sessionStorage.setItem(key, $("token").value); $("token").value = ""; start(); });
          $("action-form").addEventListener("submit", submitAction);
          $("action-cancel").addEventListener("click", () => { $("action-form").hidden = true; action = null; });
          $("logout").addEventListener("click", () => signOut("Signed out."));
          if (sessionStorage.getItem(key)) start();
        });
        """;
}
