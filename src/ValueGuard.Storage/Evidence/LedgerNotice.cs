using System.Globalization;
using System.Text.Json;
using ValueGuard.Core.Evidence;

namespace ValueGuard.Storage.Evidence;

/// <summary>
/// A ledger record a person checking the evidence must not miss: a loss (data-loss), damage to the ledger itself
/// (ledger-damage), a jump of the gateway clock (clock-jump) or a change of its synchronisation (clock-sync),
/// with a one-line summary of its body. <c>valueguard verify</c> prints them after the chain verdict.
/// </summary>
public sealed record LedgerNotice(long Seq, DateTimeOffset At, string Kind, string Summary)
{
    private static readonly string[] Kinds = [EvidenceKinds.DataLoss, EvidenceKinds.LedgerDamage, EvidenceKinds.ClockJump, EvidenceKinds.ClockSync];

    /// <summary>The notices of a ledger, in order; lines that are not records are skipped (verification names them).</summary>
    public static IReadOnlyList<LedgerNotice> Read(string path)
    {
        var notices = new List<LedgerNotice>();
        foreach (var line in File.ReadLines(path))
        {
            if (!Kinds.Any(k => line.Contains($"\"kind\":\"{k}\"", StringComparison.Ordinal))) continue;
            if (!EvidenceChain.TryOpen(line, out var unsigned, out _)) continue;
            try
            {
                using var doc = JsonDocument.Parse(unsigned);
                var root = doc.RootElement;
                var kind = root.GetProperty("kind").GetString()!;
                if (!Kinds.Contains(kind)) continue;
                notices.Add(new LedgerNotice(root.GetProperty("seq").GetInt64(), root.GetProperty("at").GetDateTimeOffset(), kind, Summarise(kind, root.GetProperty("body"))));
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                // Not a well-formed record: the chain check reports it.
            }
        }
        return notices;
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Kind} (record {Seq}, {At.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}): {Summary}");

    private static string Summarise(string kind, JsonElement body) => kind switch
    {
        EvidenceKinds.LedgerDamage => string.Create(CultureInfo.InvariantCulture,
            $"{Text(body, "cut_lines")} damaged line(s), {Text(body, "cut_bytes")} bytes cut from line {Text(body, "first_bad_line")} ({Text(body, "problem")}); {Text(body, "records_kept")} records before them kept; the cut bytes (SHA-256 {Text(body, "cut_sha256")}) are saved in {Text(body, "saved_to")}"),
        EvidenceKinds.DataLoss when body.TryGetProperty("samples", out var samples) => string.Create(CultureInfo.InvariantCulture,
            $"{samples} sample(s) lost from {Text(body, "source")} ({Text(body, "reason")}, policy {Text(body, "policy")})"),
        EvidenceKinds.DataLoss => string.Create(CultureInfo.InvariantCulture,
            $"{Text(body, "source")}: {Text(body, "lost_bytes")} bytes in {Text(body, "damaged_regions")} damaged region(s) cut{CutRecords(body)}, {Text(body, "records_kept")} records kept ({Text(body, "explanation")})"),
        EvidenceKinds.ClockJump => string.Create(CultureInfo.InvariantCulture,
            $"the gateway clock jumped {Text(body, "delta_seconds")} s (expected {Text(body, "from")}, read {Text(body, "to")})"),
        _ => body.TryGetProperty("synchronised", out var s) && s.ValueKind == JsonValueKind.False
            ? $"the gateway clock is not synchronised ({Text(body, "detail")})"
            : $"the gateway clock is synchronised again ({Text(body, "detail")})",
    };

    /// <summary>", holding 3 whole records with 120 samples (and 40 bytes not countable)"; empty for records written before these counts.</summary>
    private static string CutRecords(JsonElement body)
    {
        if (!body.TryGetProperty("records_cut", out var records) || records.ValueKind == JsonValueKind.Null) return "";
        var uncounted = body.TryGetProperty("uncounted_bytes", out var u) && u.ValueKind == JsonValueKind.Number ? u.GetInt64() : 0;
        return string.Create(CultureInfo.InvariantCulture, $", holding {records} whole record(s) with {Text(body, "samples_cut")} sample(s)")
            + (uncounted > 0 ? string.Create(CultureInfo.InvariantCulture, $" and {uncounted} bytes whose samples cannot be counted") : "");
    }

    private static string Text(JsonElement body, string name) =>
        body.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v.ToString() : "-";

}
