using System.Diagnostics;
using System.Globalization;

namespace ValueGuard.EndToEnd;

/// <summary>
/// (1) mosquitto's own QoS 1 delivery rate: the bench publisher (<see cref="BenchPlant.PublisherKind"/>) against <c>mosquitto_sub -q 1 -C N</c>
/// (output to /dev/null), timed from the first publish until the subscriber has received all N.
/// </summary>
internal static class BrokerRate
{
    public static async Task<(double Rate, CpuBudget Cpu)> MeasureAsync(Uri broker, int count)
    {
        var mosquitto = CpuBudget.PidFromEnvironment("VG_BENCH_MOSQUITTO_PID");
        var id = "bench-sub-" + Guid.NewGuid().ToString("N")[..8];
        var common = $"-h {broker.Host} -p {broker.Port} -i {id} -c -q 1 -t '{BenchPlant.TopicFilter}'";
        // A persistent session subscribed before the publisher starts: nothing is missed while the real subscriber connects.
        await RunAsync($"mosquitto_sub {common} -E", wait: true);
        var clients = await BenchPlant.ConnectAsync(broker);
        var (brokerBefore, ownBefore) = (CpuBudget.CpuOf(mosquitto), CpuBudget.OwnCpu());
        var clock = Stopwatch.StartNew();
        // The shell's `times` prints the CPU of its finished child (mosquitto_sub) on its second line.
        using var subscriber = await RunAsync($"mosquitto_sub {common} -C {count} >/dev/null; rc=$?; times; exit $rc", wait: false, readOutput: true);
        var subscriberTimes = subscriber.StandardOutput.ReadToEndAsync();
        await BenchPlant.PublishAsync(clients, count);
        var publishedAt = clock.Elapsed.TotalSeconds;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await subscriber.WaitForExitAsync(timeout.Token);
        clock.Stop();
        var cpu = new CpuBudget(count) { WallSeconds = clock.Elapsed.TotalSeconds, PublisherDoneSeconds = publishedAt };
        cpu.Add("mosquitto", CpuBudget.CpuOf(mosquitto) - brokerBefore);
        cpu.Add("bench publisher", CpuBudget.OwnCpu() - ownBefore);
        cpu.Add(CpuBudget.GatewayProcess, ChildCpuSeconds(await subscriberTimes));
        await BenchPlant.DisconnectAsync(clients);
        await BenchPlant.ForgetSessionAsync(broker, id);
        if (subscriber.ExitCode != 0) throw new InvalidOperationException($"mosquitto_sub exited with {subscriber.ExitCode}");
        return (count / clock.Elapsed.TotalSeconds, cpu);
    }

    /// <summary>User plus system time from the children's line of the shell's <c>times</c> ("0m1.230s 0m0.450s").</summary>
    private static double ChildCpuSeconds(string times)
    {
        var lines = times.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length < 2) return double.NaN;
        return lines[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries).Sum(MinutesSeconds);

        static double MinutesSeconds(string field)
        {
            var m = field.IndexOf('m', StringComparison.Ordinal);
            return double.Parse(field[..m], CultureInfo.InvariantCulture) * 60 + double.Parse(field[(m + 1)..].TrimEnd('s'), CultureInfo.InvariantCulture);
        }
    }

    private static async Task<Process> RunAsync(string shell, bool wait, bool readOutput = false)
    {
        var start = new ProcessStartInfo("sh") { UseShellExecute = false, RedirectStandardOutput = readOutput };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(shell);
        var process = Process.Start(start)!;
        if (!wait) return process;
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"'{shell}' exited with {process.ExitCode}");
        process.Dispose();
        return process;
    }
}
