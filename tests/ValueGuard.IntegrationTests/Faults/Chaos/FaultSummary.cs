using Xunit.Abstractions;

namespace ValueGuard.IntegrationTests.Faults.Chaos;

/// <summary>
/// One <c>FAULT-SUMMARY class=… key=value …</c> line per fault class: into the test output and appended to the file
/// in VALUEGUARD_FAULT_SUMMARY (set by ./test.sh, which prints the file at the end), else TestResults/artifacts/fault-summary.txt.
/// </summary>
internal static class FaultSummary
{
    public const string Variable = "VALUEGUARD_FAULT_SUMMARY";

    private static readonly Lock Gate = new();

    public static string FilePath =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } path ? path : Testing.TestArtifacts.File("fault-summary.txt");

    public static void Report(ITestOutputHelper output, string faultClass, params (string Key, object Value)[] figures)
    {
        var line = $"FAULT-SUMMARY class={faultClass} " + string.Join(' ', figures.Select(f => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{f.Key}={f.Value}")));
        output.WriteLine(line);
        lock (Gate) File.AppendAllText(FilePath, line + Environment.NewLine);
    }
}
