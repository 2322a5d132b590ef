using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ValueGuard.Configuration.Sites;
using ValueGuard.Gateway.Hosting;

namespace ValueGuard.Gateway.Web;

/// <summary>
/// The local web UI and its JSON API on Kestrel: the page and its assets (no data in them), <c>/openapi.json</c>,
/// and <c>/api/*</c> behind the bearer token. Listens where the site's <c>web.listen</c> says (127.0.0.1 by default).
/// </summary>
public sealed partial class WebUi : IAsyncDisposable
{
    public const int MaxReasonLength = 500;

    private static readonly JsonSerializerOptions Json = new(Storage.Evidence.JsonlEvidenceLedger.BodyOptions) { WriteIndented = false };

    private readonly WebApplication app;

    private WebUi(WebApplication app, Uri address)
    {
        this.app = app;
        Address = address;
    }

    /// <summary>Where the UI answers, e.g. http://127.0.0.1:8080/.</summary>
    public Uri Address { get; }

    public static async Task<WebUi> StartAsync(GatewayRuntime runtime, IOperatorActions actions, WebConfig config, ILoggerFactory loggers, CancellationToken ct)
    {
        var token = BearerToken.FromFile(config.TokenFile);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k =>
        {
            if (config.Host == "localhost") k.ListenLocalhost(config.Port);
            else k.Listen(IPAddress.Parse(config.Host), config.Port);
        });
        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            context.Response.Headers["X-Content-Type-Options"] = "nosniff";
            context.Response.Headers["Content-Security-Policy"] = "default-src 'self'; frame-ancestors 'none'";
            context.Response.Headers["Cache-Control"] = "no-store";
            if (context.Request.Path.StartsWithSegments("/api") && !token.Accepts(context.Request.Headers.Authorization))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await context.Response.WriteAsJsonAsync(new { message = "a bearer token is required (Authorization: Bearer <token from web.token_file>)" }, Json).ConfigureAwait(false);
                return;
            }
            await next(context).ConfigureAwait(false);
        });
        app.MapGet("/", () => Results.Content(WebPage.Html, "text/html; charset=utf-8"));
        app.MapGet("/app.css", () => Results.Content(WebPage.Css, "text/css; charset=utf-8"));
        app.MapGet("/app.js", () => Results.Content(WebScript.Js, "text/javascript; charset=utf-8"));
        app.MapGet("/openapi.json", () => Results.Content(OpenApiDocument.Json, "application/json"));
        app.MapGet("/api/status", async (CancellationToken rt) => Results.Json(await GatewayStatus.BuildAsync(runtime, rt).ConfigureAwait(false), Json));
        app.MapPost("/api/clauses/{contract}/{clause}/acknowledge", async (string contract, string clause, HttpRequest request, CancellationToken rt) =>
        {
            var body = await ReadActionAsync(request, rt).ConfigureAwait(false);
            if (body.Problem is { } problem) return Results.Json(new { outcome = "refused", message = problem }, Json, statusCode: 400);
            return Answer(await actions.AcknowledgeAsync(contract, clause, body.Reason!, rt).ConfigureAwait(false));
        });
        app.MapPost("/api/clauses/{contract}/{clause}/snooze", async (string contract, string clause, HttpRequest request, CancellationToken rt) =>
        {
            var body = await ReadActionAsync(request, rt).ConfigureAwait(false);
            if (body.Problem is { } problem) return Results.Json(new { outcome = "refused", message = problem }, Json, statusCode: 400);
            if (body.Minutes is not (>= 1 and <= 10080)) return Results.Json(new { outcome = "refused", message = "minutes must be 1..10080" }, Json, statusCode: 400);
            return Answer(await actions.SnoozeAsync(contract, clause, body.Reason!, TimeSpan.FromMinutes(body.Minutes.Value), rt).ConfigureAwait(false));
        });
        await app.StartAsync(ct).ConfigureAwait(false);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var ui = new WebUi(app, new Uri(bound.EndsWith('/') ? bound : bound + "/"));
        LogListening(loggers.CreateLogger<WebUi>(), ui.Address);
        return ui;
    }

    private static IResult Answer(OperatorActionResult r)
    {
        var status = r.Outcome switch
        {
            OperatorActionOutcome.Done => 200,
            OperatorActionOutcome.Refused => 409,
            OperatorActionOutcome.NotFound => 404,
            _ => 501,
        };
        var outcome = r.Outcome switch { OperatorActionOutcome.NotFound => "not_found", OperatorActionOutcome.NotSupported => "not_supported", _ => r.Outcome.ToString().ToLowerInvariant() };
        return Results.Json(new { outcome, state = r.State, message = r.Message }, Json, statusCode: status);
    }

    private sealed record ActionBody(string? Reason, int? Minutes, string? Problem);

    private static async Task<ActionBody> ReadActionAsync(HttpRequest request, CancellationToken ct)
    {
        try
        {
            using var doc = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct).ConfigureAwait(false);
            var reason = doc.RootElement.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString()!.Trim() : null;
            int? minutes = doc.RootElement.TryGetProperty("minutes", out var m) && m.TryGetInt32(out var mm) ? mm : null;
            if (string.IsNullOrEmpty(reason)) return new(null, null, "a reason is required");
            if (reason.Length > MaxReasonLength) return new(null, null, $"the reason is longer than {MaxReasonLength} characters");
            return new(reason, minutes, null);
        }
        catch (JsonException)
        {
            return new(null, null, "the body is not JSON: send {\"reason\": \"…\"}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 2903, EventName = "WebUiListening", Level = LogLevel.Information, Message = "Web UI and API listening on {Address}")]
    private static partial void LogListening(ILogger logger, Uri address);
}
