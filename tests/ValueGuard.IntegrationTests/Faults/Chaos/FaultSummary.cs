using Xunit.Abstractions;

namespace ValueGuard.IntegrationTests.Faults.Chaos;

/// <summary>
/// One <c>FAULT-SUMMARY class=… key=value …</c> line per fault class: into the test output and appended to the file
/// in VALUEGUARD_FAULT_SUMMARY (set by ./test.sh, which prints the file at the end), else TestResults/artifacts/fault-summary.txt.
/// Every line has the fields the issue asks for: <c>iterations</c>, <c>tickets_expected</c> and <c>created</c> (0 where the
/// class opens no tickets) first, and <c>samples_sent</c>/<c>stored</c> where samples are sent.
/// </summary>
internal static class FaultSummary
{
    public const string Variable = "VALUEGUARD_FAULT_SUMMARY";

    private static readonly Lock Gate = new();

    public static string FilePath =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } path ? path : Testing.TestArtifacts.File("fault-summary.txt");

    private static readonly string[] Required = ["iterations", "tickets_expected", "created"];
    private static readonly string[] First = ["iterations", "samples_sent", "stored", "tickets_expected", "created"];

    public static void Report(ITestOutputHelper output, string faultClass, params (string Key, object Value)[] figures)
    {
        if (Required.FirstOrDefault(k => figures.All(f => f.Key != k)) is { } missing)
            throw new ArgumentException($"the FAULT-SUMMARY line of {faultClass} has no {missing}", nameof(figures));
        figures = [.. figures.OrderBy(f => Array.IndexOf(First, f.Key) is var i and >= 0 ? i : First.Length)]; // stable: the rest keep their order
        var line = $"FAULT-SUMMARY class={faultClass} " + string.Join(' ', figures.Select(f => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{f.Key}={f.Value}")));
        output.WriteLine(line);
        lock (Gate) File.AppendAllText(FilePath, line + Environment.NewLine);
    }
}
