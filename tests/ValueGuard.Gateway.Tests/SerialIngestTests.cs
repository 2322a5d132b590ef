using System.IO.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using ValueGuard.Configuration.Sites;
using ValueGuard.Core.Signals;
using ValueGuard.Gateway.Broker;
using ValueGuard.Gateway.Hosting;
using ValueGuard.Ingest.Mqtt.Client;
using ValueGuard.Ingest.Serial.Ascii;
using ValueGuard.Ingest.Serial.Polling;
using ValueGuard.Ingest.Serial.Registers;
using ValueGuard.Ingest.Serial.Transport;
using ValueGuard.Simulator.Modbus;
using ValueGuard.Testing;

namespace ValueGuard.Gateway.Tests;

/// <summary>The whole gateway host polling the simulator slave over a socat pseudo-terminal pair (needs socat).</summary>
public sealed class SerialIngestTests : IDisposable
{
    private static readonly SignalId Temperature = new("spindle-04", "temperature");
    private readonly TempDirectory dir = new();

    private SiteModel Site(string port, bool withMqttDevice = false)
    {
        var press = withMqttDevice ? "  - { id: press-07, profile: press-plc-json }" : "";
        var file = dir.Write("site.yaml", $"""
            site: hall-1
            data_dir: data
            device_profiles: [{RepoPaths.DeviceProfiles}]
            serial:
              - {"{"} port: {port}, baud: 19200, parity: none, timeout: 200ms {"}"}
            devices:
              - {"{"} id: spindle-04, profile: spindle-drive-modbus, port: {port}, slave: 9 {"}"}
            {press}
            """);
        var (model, errors) = SiteModelLoader.Load(file);
        Assert.Empty(errors);
        return model!;
    }

    private static ModbusSlaveSimulator Spindle(string port, double temperature)
    {
        var bank = new RegisterBank();
        bank.SetValue(ModbusTable.Holding, 0, temperature, RegisterType.Float32, DataOrder.BigEndian);
        return new ModbusSlaveSimulator(SerialLines.Open(new SerialLineSettings(port, 19200, Parity.None)), new Dictionary<byte, RegisterBank> { [9] = bank });
    }

    private static async Task<IHost> StartGatewayAsync(GatewayRuntime runtime, EmbeddedBroker broker)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddValueGuardGateway(runtime, broker.Url, null);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static async Task<IReadOnlyList<Sample>> Temperatures(GatewayRuntime runtime, DateTimeOffset since) =>
        await runtime.Store.ReadAsync(Temperature, since, TimeProvider.System.GetUtcNow().AddMinutes(1), default);

    [Fact]
    public async Task Gateway_polls_the_sites_modbus_device_into_its_store_next_to_mqtt_ingest()
    {
        using var pty = new PtyPair(dir.Path);
        using var slave = Spindle(pty.B, 36.5);
        var site = Site(pty.A, withMqttDevice: true);
        await using var broker = await EmbeddedBroker.StartAsync();
        await using var runtime = await GatewayRuntime.OpenAsync(site, TimeProvider.System, NullLoggerFactory.Instance, default);
        var started = TimeProvider.System.GetUtcNow().AddSeconds(-1);

        using var host = await StartGatewayAsync(runtime, broker);
        await Eventually.WaitFor(() => Temperatures(runtime, started).Result.Count >= 2, "two polls of the spindle in the gateway's store", seconds: 15);
        var mqtt = host.Services.GetRequiredService<MqttIngestService>();
        await Eventually.WaitFor(() => mqtt.IsReady, "MQTT ingest to connect as before");
        await host.StopAsync();

        Assert.All(await Temperatures(runtime, started), s => Assert.Equal(36.5, s.Value));
        Assert.Single(host.Services.GetServices<IHostedService>().OfType<ModbusPollingService>());
    }

    [Fact]
    public async Task A_port_missing_at_start_and_one_that_goes_away_are_opened_again_without_stopping_the_gateway()
    {
        var port = Path.Combine(dir.Path, "bus-a");
        var site = Site(port);
        await using var broker = await EmbeddedBroker.StartAsync();
        await using var runtime = await GatewayRuntime.OpenAsync(site, TimeProvider.System, NullLoggerFactory.Instance, default);
        var started = TimeProvider.System.GetUtcNow().AddSeconds(-1);
        using var host = await StartGatewayAsync(runtime, broker);
        var polling = host.Services.GetServices<IHostedService>().OfType<ModbusPollingService>().Single();
        Assert.Null(host.Services.GetService<MqttIngestService>()); // no MQTT devices, nothing to subscribe to

        // The adapter is plugged in after the gateway started.
        var pty = new PtyPair(dir.Path, "bus");
        var slave = Spindle(pty.B, 20);
        await Eventually.WaitFor(() => Temperatures(runtime, started).Result.Any(s => s.Value == 20), "samples once the port exists", seconds: 15);

        // Unplugged, and plugged in again with another reading.
        slave.Dispose();
        pty.Dispose();
        // udev removes the by-id link on unplug; socat, killed, leaves its links behind.
        File.Delete(pty.A);
        File.Delete(pty.B);
        using var again = new PtyPair(dir.Path, "bus");
        using var slaveAgain = Spindle(again.B, 21);
        await Eventually.WaitFor(() => Temperatures(runtime, started).Result.Any(s => s.Value == 21), "samples after the port came back", seconds: 15);
        await host.StopAsync();

        Assert.Equal(2, polling.LineOpens);
    }

    [Fact]
    public async Task Gateway_reads_the_sites_ascii_device_into_its_store_next_to_modbus_polling()
    {
        using var bus = new PtyPair(dir.Path, "bus");
        using var windLine = new PtyPair(dir.Path, "wind");
        using var slave = Spindle(bus.B, 36.5);
        var file = dir.Write("site.yaml", $"""
            site: hall-1
            data_dir: data
            device_profiles: [{RepoPaths.DeviceProfiles}]
            serial:
              - {"{"} port: {bus.A}, parity: none, timeout: 200ms {"}"}
              - {"{"} port: {windLine.A}, baud: 4800, parity: none {"}"}
            devices:
              - {"{"} id: spindle-04, profile: spindle-drive-modbus, port: {bus.A}, slave: 9 {"}"}
              - {"{"} id: roof-wind, profile: wind-sensor-nmea-mwv, port: {windLine.A} {"}"}
            """);
        var (site, errors) = SiteModelLoader.Load(file);
        Assert.Empty(errors);
        await using var broker = await EmbeddedBroker.StartAsync();
        await using var runtime = await GatewayRuntime.OpenAsync(site!, TimeProvider.System, NullLoggerFactory.Instance, default);
        var started = TimeProvider.System.GetUtcNow().AddSeconds(-1);
        using var host = await StartGatewayAsync(runtime, broker);
        var reader = host.Services.GetServices<IHostedService>().OfType<AsciiLineService>().Single();
        await Eventually.WaitFor(() => reader.LineOpens == 1, "the wind sensor's line to open");

        using var sensor = SerialLines.Open(new SerialLineSettings(windLine.B, 4800, Parity.None));
        foreach (var speed in new[] { 1.5, 2.5, 3.5 })
            sensor.Write(System.Text.Encoding.ASCII.GetBytes(NmeaChecksum.Seal(FormattableString.Invariant($"$WIMWV,270,R,{speed},M,A")) + "\r\n"));
        sensor.Write("$WIMWV,270,R,9.9,M,A*00\r\n"u8);
        var windSpeed = new SignalId("roof-wind", "wind_speed");
        await Eventually.WaitFor(() => reader.SamplesStored == 6, "three wind readings stored", seconds: 15);
        await Eventually.WaitFor(() => Temperatures(runtime, started).Result.Count >= 1, "the spindle polled as before", seconds: 15);
        await host.StopAsync();

        var stored = await runtime.Store.ReadAsync(windSpeed, started, TimeProvider.System.GetUtcNow().AddMinutes(1), default);
        Assert.Equal([1.5, 2.5, 3.5], stored.Select(s => s.Value));
        Assert.Equal(1, reader.Counters.BadChecksum);
        Assert.Single(host.Services.GetServices<IHostedService>().OfType<ModbusPollingService>());
    }

    public void Dispose() => dir.Dispose();
}
