using System.Security.Cryptography;
using System.Text;
using ValueGuard.Core.Contracts;

namespace ValueGuard.Gateway.Evaluation;

/// <summary>
/// The hash of what a clause means (KPI, window, thresholds, coverage). A clause whose hash is
/// unchanged keeps its state across contract reloads; a changed one starts afresh.
/// </summary>
public static class ClauseDefinition
{
    public static string Hash(Contract contract, Clause clause)
    {
        var exclusions = string.Join(';', contract.CalendarsOf(clause).Select(c => c.Name + ":" + string.Join(',', c.Rules)));
        var text = string.Join('\n', contract.Id, contract.GoLive.UtcTicks, contract.TimeZone, clause.Id, clause.Kpi, clause.Window, clause.Target,
            clause.Warn?.ToString() ?? "-", clause.MinCoverage.ToString("R", System.Globalization.CultureInfo.InvariantCulture), exclusions, clause.Debounce.Ticks,
            clause.Clear?.ToString() ?? "-", clause.Flapping is { } f ? $"{f.MaxChanges}/{f.Within.Ticks}" : "-");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
