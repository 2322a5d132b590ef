using System.Diagnostics;

namespace ValueGuard.EndToEnd;

/// <summary>
/// (1) mosquitto's own QoS 1 delivery rate: the bench publisher (<see cref="BenchPlant.PublisherKind"/>) against <c>mosquitto_sub -q 1 -C N</c>
/// (output to /dev/null), timed from the first publish until the subscriber has received all N.
/// </summary>
internal static class BrokerRate
{
    public static async Task<double> MeasureAsync(Uri broker, int count)
    {
        var id = "bench-sub-" + Guid.NewGuid().ToString("N")[..8];
        var common = $"-h {broker.Host} -p {broker.Port} -i {id} -c -q 1 -t '{BenchPlant.TopicFilter}'";
        // A persistent session subscribed before the publisher starts: nothing is missed while the real subscriber connects.
        await RunAsync($"mosquitto_sub {common} -E", wait: true);
        var clients = await BenchPlant.ConnectAsync(broker);
        var clock = Stopwatch.StartNew();
        using var subscriber = await RunAsync($"exec mosquitto_sub {common} -C {count} >/dev/null", wait: false);
        await BenchPlant.PublishAsync(clients, count);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await subscriber.WaitForExitAsync(timeout.Token);
        clock.Stop();
        await BenchPlant.DisconnectAsync(clients);
        if (subscriber.ExitCode != 0) throw new InvalidOperationException($"mosquitto_sub exited with {subscriber.ExitCode}");
        return count / clock.Elapsed.TotalSeconds;
    }

    private static async Task<Process> RunAsync(string shell, bool wait)
    {
        var start = new ProcessStartInfo("sh") { UseShellExecute = false };
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
