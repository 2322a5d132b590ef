using System.Text.Json.Nodes;

namespace ValueGuard.EdgeHub.Methods;

/// <summary>The JSON shape of status answers (written by hand: no reflection, so trimmed builds stay safe).</summary>
internal static class StatusJson
{
    public static JsonObject Of(GatewayStatus status) => new()
    {
        ["at"] = status.At,
        ["clauses"] = Of(status.Clauses),
        ["buffer"] = new JsonObject
        {
            ["store"] = status.Buffer.Store,
            ["pendingRecords"] = status.Buffer.PendingRecords,
            ["spoolBytes"] = status.Buffer.SpoolBytes,
        },
    };

    public static JsonArray Of(IReadOnlyList<ClauseStatusSummary> clauses) =>
        new([.. clauses.Select(c => (JsonNode?)new JsonObject
        {
            ["contract"] = c.Contract,
            ["clause"] = c.Clause,
            ["state"] = c.State,
            ["verdict"] = c.Verdict,
            ["value"] = c.Value,
            ["coverage"] = c.Coverage,
            ["evaluatedAt"] = c.EvaluatedAt,
        })]);
}
