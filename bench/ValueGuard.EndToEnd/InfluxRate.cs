using System.Diagnostics;
using System.Globalization;

namespace ValueGuard.EndToEnd;

/// <summary>
/// (2) InfluxDB's direct line-protocol ingest rate: ValueGuard.InfluxLoad (ValueGuard's own client,
/// batches of 5,000, 50 series, gzip) as a child process; it counts the points back and fails unless all are there.
/// </summary>
internal static class InfluxRate
{
    public static async Task<double> MeasureAsync(Uri influx, int points)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "ValueGuard.InfluxLoad.dll"), influx.ToString(),
                     points.ToString(CultureInfo.InvariantCulture), "5000", "50", "true" })
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"ValueGuard.InfluxLoad exited with {process.ExitCode}: {output}");
        var field = output.Split(' ', StringSplitOptions.TrimEntries).Single(f => f.StartsWith("points_per_second=", StringComparison.Ordinal));
        return double.Parse(field["points_per_second=".Length..], CultureInfo.InvariantCulture);
    }
}
