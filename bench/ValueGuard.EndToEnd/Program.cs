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
    Console.Error.WriteLine($"publisher: {BenchPlant.PublisherKind} (VG_BENCH_PUBLISHER=mqttnet for MQTTnet)");
    var brokerRate = double.NaN;
    var influxRate = double.NaN;
    CpuBudget? brokerCpu = null;
    if (!gatewayOnly)
    {
        Console.Error.WriteLine($"(1) mosquitto -> mosquitto_sub, {messages} QoS 1 messages");
        (brokerRate, brokerCpu) = await BrokerRate.MeasureAsync(broker, messages);
        Console.Error.WriteLine($"(2) InfluxDB direct line protocol, {messages * 3} points");
        influxRate = await InfluxRate.MeasureAsync(influx, messages * 3);
    }
    Console.Error.WriteLine($"(3) gateway end to end, {messages} messages from {BenchPlant.Devices} machines");
    var gateway = await GatewayRun.MeasureAsync(broker, influx, profiles, work, messages);
    Console.WriteLine(EndToEndTable.Format(messages, brokerRate, influxRate, gateway));
    Console.WriteLine($"publisher in (1) and (3): {BenchPlant.PublisherKind}");
    Console.WriteLine();
    Console.WriteLine(CpuBudget.Format(brokerCpu, gateway.Cpu, brokerRate));
    if (gateway.PointsLost != 0) Console.Error.WriteLine("last gateway log lines:\n" + gateway.LogTail);
    if (gateway.Warnings.Count > 0)
        Console.WriteLine("gateway warnings and errors during the run: " + string.Join(", ", gateway.Warnings.Select(w => $"{w.Key} x{w.Value}")));
    return gateway.PointsLost == 0 ? 0 : 1;
}
finally
{
    Directory.Delete(work, recursive: true);
}
