using System.Text.Json;
using ValueGuard.Core.Evidence;
using ValueGuard.Core.Signals;

namespace ValueGuard.Gateway.Evaluation;

/// <summary>
/// The body of a "data-loss" evidence record for samples that were accepted and then dropped (spool size
/// or age limit): which signals, how many samples, their time span, why and under which policy. KPIs read
/// the spans back as unknown time (see <see cref="LostTimeLedger"/>).
/// </summary>
public sealed record SampleLossEvidence(
    string Source,
    string Reason,
    string Policy,
    long Records,
    long Samples,
    DateTimeOffset? From,
    DateTimeOffset? To,
    IReadOnlyList<SignalLossEvidence> Signals,
    string Explanation)
{
    public static SampleLossEvidence Of(DataLossNotice n) =>
        new(n.Source, n.Reason, n.Policy, n.Records, n.Samples, n.From, n.To,
            [.. n.Signals.Select(s => new SignalLossEvidence(s.Signal.ToString(), s.Samples, s.From, s.To))], Explain(n));

    /// <summary>The notice in a data-loss body, or null when the body is of another data-loss (a torn file, no signals).</summary>
    public static DataLossNotice? TryRead(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("signals", out var signals) || signals.ValueKind != JsonValueKind.Array) return null;
        var losses = new List<SignalLoss>();
        foreach (var s in signals.EnumerateArray())
        {
            if (!SignalId.TryParse(s.GetProperty("signal").GetString(), out var id)) continue;
            losses.Add(new SignalLoss(id, s.GetProperty("samples").GetInt64(), s.GetProperty("from").GetDateTimeOffset(), s.GetProperty("to").GetDateTimeOffset()));
        }
        string Text(string name) => body.TryGetProperty(name, out var v) ? v.GetString() ?? "" : "";
        long Number(string name) => body.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : 0;
        return new DataLossNotice(Text("source"), Text("reason"), Text("policy"), Number("records"), Number("samples"), losses);
    }

    private static string Explain(DataLossNotice n) => n.Reason switch
    {
        "max_age" => "unsent samples older than the spool's max_age were dropped; their time counts as unknown",
        _ when n.Policy == "reject_newest" => "the spool was full and its policy reject_newest dropped the new batch; its time counts as unknown",
        _ => "the spool was full and its policy drop_oldest dropped the oldest unsent samples; their time counts as unknown",
    };
}

/// <summary>One signal's share of a <see cref="SampleLossEvidence"/>: <c>signal</c> is written device/signal.</summary>
public sealed record SignalLossEvidence(string Signal, long Samples, DateTimeOffset From, DateTimeOffset To);
