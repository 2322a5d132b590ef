using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace ValueGuard.EdgeHub.Methods;

/// <summary>
/// Answers the module's direct methods: <c>getStatus</c>, <c>acknowledge</c> (<c>{"clause","actor","reason"}</c>)
/// and <c>evaluateNow</c>. Status 200 on success, 400 for a bad payload, 404 for an unknown method or clause,
/// 409 when the clause is not in breach.
/// </summary>
public sealed partial class GatewayMethodRouter(IGatewayStatusSource status, IClauseAcknowledger acknowledger, IEvaluationTrigger evaluation, ILogger<GatewayMethodRouter> log)
{
    public async Task<MethodResponse> HandleAsync(MethodRequest request, CancellationToken ct)
    {
        LogMethodCalled(request.Name);
        switch (request.Name)
        {
            case "getStatus":
                return MethodResponse.Ok(StatusJson.Of(await status.GetStatusAsync(ct).ConfigureAwait(false)));
            case "evaluateNow":
                var clauses = await evaluation.EvaluateNowAsync(ct).ConfigureAwait(false);
                return MethodResponse.Ok(new JsonObject { ["clauses"] = StatusJson.Of(clauses) });
            case "acknowledge":
                return await AcknowledgeAsync(request.Payload, ct).ConfigureAwait(false);
            default:
                return MethodResponse.Error(404, $"unknown method '{request.Name}'; this module answers getStatus, acknowledge and evaluateNow");
        }
    }

    private async Task<MethodResponse> AcknowledgeAsync(ReadOnlyMemory<byte> payload, CancellationToken ct)
    {
        JsonObject? body;
        try { body = payload.IsEmpty ? null : JsonNode.Parse(payload.Span) as JsonObject; }
        catch (JsonException) { body = null; }
        string? Text(string key) => body?[key] is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s) ? s : null;
        if (Text("clause") is not { } clause || Text("actor") is not { } actor || Text("reason") is not { } reason)
            return MethodResponse.Error(400, "acknowledge needs a JSON object with non-empty \"clause\" (contract/clause), \"actor\" and \"reason\"");
        var outcome = await acknowledger.AcknowledgeAsync(new ClauseAcknowledgement(clause, actor, reason), ct).ConfigureAwait(false);
        LogAcknowledge(clause, actor, outcome);
        return outcome switch
        {
            AcknowledgeOutcome.Acknowledged => MethodResponse.Ok(new JsonObject { ["clause"] = clause, ["outcome"] = "acknowledged" }),
            AcknowledgeOutcome.NotInBreach => MethodResponse.Error(409, $"clause '{clause}' is not breached or escalated; there is nothing to acknowledge"),
            AcknowledgeOutcome.Ambiguous => MethodResponse.Error(400, $"more than one contract has a clause '{clause}'; name it as contract/clause"),
            _ => MethodResponse.Error(404, $"no clause '{clause}'; name it as contract/clause, e.g. ACME-2026-017/press-availability"),
        };
    }

    [LoggerMessage(EventId = 6021, EventName = "DirectMethodCalled", Level = LogLevel.Information, Message = "Direct method {Method} called")]
    private partial void LogMethodCalled(string method);

    [LoggerMessage(EventId = 6022, EventName = "ClauseAcknowledgeRequested", Level = LogLevel.Information,
        Message = "Acknowledge of clause {Clause} by {Actor}: {Outcome}")]
    private partial void LogAcknowledge(string clause, string actor, AcknowledgeOutcome outcome);
}
