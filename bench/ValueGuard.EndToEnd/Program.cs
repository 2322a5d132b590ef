using System.Globalization;
using ValueGuard.EndToEnd;

// Usage: ValueGuard.EndToEnd mqtt://127.0.0.1:PORT http://127.0.0.1:PORT DEVICE_PROFILES_DIR [messages=200000]
// Normally started by bench/end-to-end.sh, which starts mosquitto and influxd for it.
if (args.Length < 3 || !Uri.TryCreate(args[0], UriKind.Absolute, out var broker) || !Uri.TryCreate(args[1], UriKind.Absolute, out var influx))
{
    Console.Error.WriteLine("usage: ValueGuard.EndToEnd mqtt://127.0.0.1:PORT http://127.0.0.1:PORT DEVICE_PROFILES_DIR [messages]");
    return 2;
}
var profiles = Path.GetFullPath(args[2]);
var messages = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 200_000;
var work = Directory.CreateTempSubdirectory("valueguard-e2e-").FullName;
try
{
    // VG_BENCH_GATEWAY_ONLY=1 skips (1) and (2) for quick profiling runs of the gateway; its ratios then read NaN.
    var gatewayOnly = Environment.GetEnvironmentVariable("VG_BENCH_GATEWAY_ONLY") == "1";
    // (1) and (3) alternate this many times (VG_BENCH_ROUNDS, default 3); the table shows the round with the median
    // ratio, so one unlucky or lucky measurement on this shared machine does not decide the verdict.
    var rounds = int.TryParse(Environment.GetEnvironmentVariable("VG_BENCH_ROUNDS"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) && r > 0 ? r : 3;
    Console.Error.WriteLine($"publisher: {BenchPlant.PublisherKind} (VG_BENCH_PUBLISHER=mqttnet for MQTTnet)");
    var influxRate = double.NaN;
    if (!gatewayOnly)
    {
        // Unmeasured: the first (1) of a fresh broker and bench process ran 10-20 % slower than the later ones (the
        // publisher's code still being compiled, the broker growing its buffers), which flattered round 1's ratio.
        var warmUp = Math.Max(1, messages / 4);
        Console.Error.WriteLine($"warm-up, not measured: (1) with {warmUp} messages");
        await BrokerRate.MeasureAsync(broker, warmUp);
    }
    var results = new List<BenchRound>();
    for (var round = 1; round <= rounds; round++)
    {
        var brokerRate = double.NaN;
        CpuBudget? brokerCpu = null;
        if (!gatewayOnly)
        {
            Console.Error.WriteLine($"round {round} of {rounds}: (1) mosquitto -> mosquitto_sub, {messages} QoS 1 messages");
            (brokerRate, brokerCpu) = await BrokerRate.MeasureAsync(broker, messages);
            if (round == 1)
            {
                Console.Error.WriteLine($"(2) InfluxDB direct line protocol, {messages * 3} samples");
                influxRate = await InfluxRate.MeasureAsync(influx, messages * 3);
            }
        }
        Console.Error.WriteLine($"round {round} of {rounds}: (3) gateway end to end, {messages} messages from {BenchPlant.Devices} machines");
        var gateway = await GatewayRun.MeasureAsync(broker, influx, profiles, work, messages);
        results.Add(new BenchRound(brokerRate, brokerCpu, gateway));
        Console.Error.WriteLine($"round {round} of {rounds}: {gateway.MessagesPerSecond:F0} msg/s against {brokerRate:F0}, {gateway.PointsLost} samples lost");
        if (gateway.PointsLost != 0) Console.Error.WriteLine("last gateway log lines:\n" + gateway.LogTail);
    }
    var shown = BenchRound.Median(results);
    Console.WriteLine(EndToEndTable.Format(messages, shown.BrokerRate, influxRate, shown.Gateway, results));
    Console.WriteLine($"publisher in (1) and (3): {BenchPlant.PublisherKind}");
    Console.WriteLine();
    Console.WriteLine(CpuBudget.Format(shown.BrokerCpu, shown.Gateway.Cpu, shown.BrokerRate));
    var warnings = results.SelectMany(x => x.Gateway.Warnings).GroupBy(w => w.Key).Select(g => $"{g.Key} x{g.Sum(w => w.Value)}").ToList();
    if (warnings.Count > 0) Console.WriteLine("gateway warnings and errors during the runs: " + string.Join(", ", warnings));
    return results.All(x => x.Gateway.PointsLost == 0) ? 0 : 1;
}
finally
{
    Directory.Delete(work, recursive: true);
}
