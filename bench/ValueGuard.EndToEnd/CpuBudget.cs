using System.Globalization;
using System.Text;

namespace ValueGuard.EndToEnd;

/// <summary>
/// Where the CPU of one measurement went: each process's utime+stime during it, per message. On a saturated
/// 2-core machine this is what decides the ratio (3)/(1): both measurements share the same publisher and broker,
/// and (3) must fit the gateway and influxd where (1) fits only <c>mosquitto_sub</c>.
/// </summary>
internal sealed class CpuBudget(int messages)
{
    private readonly List<(string Process, double CpuSeconds)> shares = [];

    public double WallSeconds { get; set; }

    /// <summary>When the publisher had all its messages acknowledged by the broker, from the start of the measurement.</summary>
    public double PublisherDoneSeconds { get; set; } = double.NaN;

    /// <summary>Messages stored at the first poll after the publisher was done (-1: not known); (1) has none.</summary>
    public long StoredWhenPublisherDone { get; set; } = -1;

    public void Add(string process, double cpuSeconds) => shares.Add((process, cpuSeconds));

    public double MicrosecondsPerMessage(string process) =>
        shares.Where(s => s.Process == process).Sum(s => s.CpuSeconds) / messages * 1e6;

    public IEnumerable<string> Processes => shares.Select(s => s.Process);

    public double TotalMicrosecondsPerMessage => shares.Sum(s => s.CpuSeconds) / messages * 1e6;

    /// <summary>Cores busy on average while it ran (2.0 = this machine saturated).</summary>
    public double CoresBusy => WallSeconds > 0 ? shares.Sum(s => s.CpuSeconds) / WallSeconds : double.NaN;

    /// <summary>A process's CPU seconds so far from /proc, or NaN when its pid is unknown or gone.</summary>
    public static double CpuOf(int? pid)
    {
        if (pid is not { } p) return double.NaN;
        try { return ProcessSample.Read(p).CpuSeconds; }
        catch (IOException) { return double.NaN; }
    }

    /// <summary>The pid bench/end-to-end.sh put in an environment variable (mosquitto's, influxd's).</summary>
    public static int? PidFromEnvironment(string name) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;

    /// <summary>The bench's own CPU: in (1) and (3) it is almost all the publisher's.</summary>
    public static double OwnCpu() => System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    /// <summary>Rows "process | (1) µs/msg | (3) µs/msg" for the processes of both budgets.</summary>
    public static string Format(CpuBudget? broker, CpuBudget gateway, double brokerMessagesPerSecond)
    {
        var table = new StringBuilder();
        table.Append("| CPU per message (utime+stime) | (1) broker run | (3) gateway run |\n| --- | --- | --- |\n");
        var names = (broker?.Processes ?? []).Concat(gateway.Processes).Distinct();
        foreach (var name in names)
            table.Append(CultureInfo.InvariantCulture, $"| {name} | {Cell(broker, name)} | {Cell(gateway, name)} |\n");
        table.Append(CultureInfo.InvariantCulture,
            $"| all of them | {Total(broker)} | {Total(gateway)} |\n| cores busy (of {Environment.ProcessorCount}) | {Busy(broker)} | {Busy(gateway)} |\n" +
            $"| publisher done / last message received or stored | {Done(broker)} | {Done(gateway)} |");
        var ceiling = gateway.CeilingWithoutGateway();
        table.Append(CultureInfo.InvariantCulture,
            $"\n| (3) if the gateway itself cost no CPU (mosquitto on one core, the rest on {Environment.ProcessorCount}) | | <= {ceiling:F0} msg/s ({ceiling / brokerMessagesPerSecond:P1} of (1)) |");
        return table.ToString();
    }

    /// <summary>
    /// The fastest (3) could be at this run's per-message costs of the other processes if the gateway's were zero:
    /// mosquitto is single-threaded, so it gets at most one core; all of them share the machine's cores.
    /// </summary>
    public double CeilingWithoutGateway()
    {
        var others = TotalMicrosecondsPerMessage - MicrosecondsPerMessage(GatewayProcess);
        return Math.Min(1e6 / MicrosecondsPerMessage("mosquitto"), Environment.ProcessorCount * 1e6 / others);
    }

    public const string GatewayProcess = "mosquitto_sub / gateway";

    private static string Cell(CpuBudget? budget, string name) =>
        budget is null || !budget.Processes.Contains(name) ? "" : $"{budget.MicrosecondsPerMessage(name):F1} µs";

    private static string Total(CpuBudget? budget) => budget is null ? "" : $"{budget.TotalMicrosecondsPerMessage:F1} µs";

    private static string Done(CpuBudget? budget) => budget is null ? "" : $"{budget.PublisherDoneSeconds:F2} s / {budget.WallSeconds:F2} s"
        + (budget.StoredWhenPublisherDone >= 0 ? $" ({budget.StoredWhenPublisherDone} stored when the publisher was done)" : "");

    private static string Busy(CpuBudget? budget) => budget is null ? "" : $"{budget.CoresBusy:F2}";
}
