namespace ValueGuard.Gateway.Web;

/// <summary>
/// The web UI's page, style sheet and script, served from memory. The page holds no data and no secret: the
/// script asks for the token, keeps it in the tab's session storage and polls the JSON API with it.
/// </summary>
internal static class WebPage
{
    public const string Html = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>ValueGuard gateway</title>
        <link rel="stylesheet" href="/app.css">
        <script src="/app.js" defer></script>
        </head>
        <body>
        <header><h1>ValueGuard gateway <span id="site"></span></h1><p id="updated" aria-live="polite"></p></header>
        <main>
        <section id="login" aria-labelledby="login-title">
          <h2 id="login-title">Sign in</h2>
          <form id="login-form">
            <label for="token">Access token (from the gateway's token file)</label>
            <input id="token" name="token" type="password" autocomplete="off" required>
            <button type="submit">Sign in</button>
          </form>
          <p id="login-error" role="alert"></p>
        </section>
        <div id="app" hidden>
          <section aria-labelledby="clauses-title">
            <h2 id="clauses-title">Clauses</h2>
            <table id="clauses"><caption>Commitment state of every clause, its latest evaluation and actions</caption>
              <thead><tr><th scope="col">Clause</th><th scope="col">State</th><th scope="col">Verdict</th><th scope="col">Value</th><th scope="col">Target</th><th scope="col">Coverage</th><th scope="col">Since</th><th scope="col">Actions</th></tr></thead>
              <tbody></tbody></table>
            <form id="action-form" hidden>
              <h3 id="action-title"></h3>
              <label for="reason">Reason (goes into the evidence ledger)</label>
              <input id="reason" name="reason" required maxlength="500">
              <label for="minutes" id="minutes-label">Snooze for (minutes)</label>
              <input id="minutes" name="minutes" type="number" min="1" max="10080" value="60">
              <button type="submit" id="action-submit">Confirm</button>
              <button type="button" id="action-cancel">Cancel</button>
            </form>
            <p id="action-result" role="status"></p>
          </section>
          <section aria-labelledby="timeline-title"><h2 id="timeline-title">Timelines</h2><div id="timelines"></div></section>
          <section aria-labelledby="episodes-title">
            <h2 id="episodes-title">Breach episodes and tickets</h2>
            <table id="episodes"><caption>Breach episodes with acknowledgement, end and tickets</caption>
              <thead><tr><th scope="col">Episode</th><th scope="col">Breached</th><th scope="col">Acknowledged</th><th scope="col">Ended</th><th scope="col">Escalation level</th><th scope="col">Tickets</th></tr></thead>
              <tbody></tbody></table>
          </section>
          <section aria-labelledby="devices-title">
            <h2 id="devices-title">Devices and live signals</h2>
            <table id="devices"><caption>Each device's last contact and the newest value of its signals</caption>
              <thead><tr><th scope="col">Device</th><th scope="col">Profile</th><th scope="col">Last contact</th><th scope="col">Signals</th></tr></thead>
              <tbody></tbody></table>
          </section>
          <section aria-labelledby="buffer-title"><h2 id="buffer-title">Buffer health</h2><dl id="buffer"></dl></section>
          <p><a href="/openapi.json">API description (OpenAPI)</a> · <button type="button" id="logout">Sign out</button></p>
        </div>
        </main>
        </body>
        </html>
        """;

    public const string Css = """
        [hidden] { display: none !important; }
        body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #1a1a1a; }
        h1 { font-size: 1.4rem; } h2 { font-size: 1.15rem; border-bottom: 1px solid #ccc; margin-top: 1.6rem; }
        table { border-collapse: collapse; width: 100%; } caption { text-align: left; color: #555; padding-bottom: .3rem; }
        th, td { border: 1px solid #ccc; padding: .3rem .5rem; text-align: left; vertical-align: top; }
        thead th { background: #f3f3f3; }
        .state { font-weight: 700; padding: .1rem .4rem; border-radius: .2rem; white-space: nowrap; }
        .ok { background: #d8f0d8; color: #14521a; } .risk { background: #fff0c2; color: #6b4e00; }
        .bad { background: #f8d4d4; color: #7a1010; } .ack { background: #dde6f8; color: #1c3b73; } .unknown { background: #e4e4e4; color: #333; }
        form { margin: .6rem 0; display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
        input { padding: .3rem; } button { padding: .3rem .8rem; cursor: pointer; }
        #login-error, .error { color: #7a1010; } #updated { color: #555; font-size: .85rem; }
        dl { display: grid; grid-template-columns: max-content auto; gap: .2rem 1rem; } dt { font-weight: 600; } dd { margin: 0; }
        ol.timeline { margin: .2rem 0 .8rem; font-size: .9rem; }
        """;
}
