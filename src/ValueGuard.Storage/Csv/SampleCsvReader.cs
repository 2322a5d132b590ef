using System.Globalization;
using ValueGuard.Core.Signals;

namespace ValueGuard.Storage.Csv;

/// <summary>
/// Reads samples from CSV with the header <c>timestamp,device,signal,value</c>: ISO-8601 timestamps
/// with an offset (or Z), values as numbers or true/false. Bad lines are reported with their line
/// number and skipped.
/// </summary>
public static class SampleCsvReader
{
    public const string Header = "timestamp,device,signal,value";

    public sealed record Result(IReadOnlyList<Sample> Samples, IReadOnlyList<string> Errors);

    public static Result Read(string path)
    {
        var samples = new List<Sample>();
        var errors = new List<string>();
        using var reader = new StreamReader(path);
        var header = reader.ReadLine();
        if (header is null || !string.Equals(header.Trim().TrimStart('\uFEFF'), Header, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"{path}:1: the header must be '{Header}'");
            return new Result(samples, errors);
        }
        var lineNo = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNo++;
            if (line.Length == 0) continue;
            if (TryParse(line, out var sample, out var problem)) samples.Add(sample);
            else errors.Add($"{path}:{lineNo}: {problem}");
        }
        return new Result(samples, errors);
    }

    private static bool TryParse(string line, out Sample sample, out string problem)
    {
        sample = default;
        var parts = line.Split(',');
        if (parts.Length != 4)
        {
            problem = $"expected 4 fields ({Header}), found {parts.Length}";
            return false;
        }
        var ts = parts[0].Trim();
        if (!DateTimeOffset.TryParse(ts, CultureInfo.InvariantCulture, DateTimeStyles.None, out var timestamp) || !(ts.EndsWith('Z') || ts.LastIndexOfAny(['+', '-']) > 9))
        {
            problem = $"'{ts}' is not an ISO-8601 timestamp with an offset (e.g. 2026-03-01T08:00:00+08:00 or ...Z)";
            return false;
        }
        var raw = parts[3].Trim();
        double value;
        if (raw.Equals("true", StringComparison.OrdinalIgnoreCase)) value = 1;
        else if (raw.Equals("false", StringComparison.OrdinalIgnoreCase)) value = 0;
        else if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out value) || !double.IsFinite(value))
        {
            problem = $"value '{raw}' is not a number or true/false";
            return false;
        }
        var device = parts[1].Trim();
        var signal = parts[2].Trim();
        if (device.Length == 0 || signal.Length == 0 || device.Contains('/', StringComparison.Ordinal) || signal.Contains('/', StringComparison.Ordinal))
        {
            problem = "device and signal must be non-empty and without '/'";
            return false;
        }
        sample = new Sample(new SignalId(device, signal), timestamp.ToUniversalTime(), value);
        problem = string.Empty;
        return true;
    }
}
