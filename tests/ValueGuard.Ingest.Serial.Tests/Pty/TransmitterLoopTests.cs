using Microsoft.Extensions.Logging.Abstractions;
using ValueGuard.Configuration.Profiles;
using ValueGuard.Core.Signals;
using ValueGuard.Ingest.Serial.Polling;
using ValueGuard.Ingest.Serial.Registers;
using ValueGuard.Ingest.Serial.Tests.Fakes;
using ValueGuard.Simulator.Modbus;
using ValueGuard.Testing;

namespace ValueGuard.Ingest.Serial.Tests.Pty;

/// <summary>
/// The shipped 4–20 mA transmitter profile polled over a socat pty pair from the simulator slave playing the analog
/// input module (needs socat): the loop current in µA becomes mA, percent of span and NAMUR NE 43 failure flags.
/// </summary>
public sealed class TransmitterLoopTests : PtyTest
{
    private static readonly DeviceProfile Profile =
        DeviceProfileLoader.LoadFile(Path.Combine(RepoPaths.DeviceProfiles, "transmitter-4-20ma-modbus.yaml")).Value!;

    [Fact]
    public async Task A_healthy_loop_a_wire_break_and_a_short_are_told_apart_and_a_failed_loops_value_is_not_stored()
    {
        var bank = new RegisterBank();
        bank.SetRegisters(ModbusTable.Input, 0, 12000);
        using var slave = new ModbusSlaveSimulator(Port(Pty.B), new Dictionary<byte, RegisterBank> { [7] = bank });
        var device = ProfileRegisterMap.ToModbusDevice(Profile, "coolant-pressure", 7) with { Poll = TimeSpan.FromMilliseconds(50) };
        var store = new MemoryStore();
        var service = new ModbusPollingService(new ModbusBus(Line(Pty.A), new(), [new ModbusDevicePoller(device)]), store, TimeProvider.System, NullLoggerFactory.Instance);
        await service.StartAsync(CancellationToken.None);

        var phases = new (ushort Microamps, string Name)[] { (12000, "healthy"), (2000, "wire break"), (22500, "short"), (4000, "healthy at 4 mA") };
        var seen = new Dictionary<string, Dictionary<string, double>>();
        foreach (var (microamps, name) in phases)
        {
            bank.SetRegisters(ModbusTable.Input, 0, microamps);
            var since = store.Samples.Count;
            bool Now(Sample s) => s.Signal.Signal == "loop_current" && Math.Abs(s.Value - microamps / 1000.0) < 1e-9;
            await Eventually.WaitFor(() => store.Samples.Skip(since).Count(Now) >= 2, $"two polls at {name}", seconds: 10);
            // A poll in flight when the current changed still carries the old reading; every signal of one poll shares its time.
            var fresh = store.Samples.Skip(since).ToList();
            var from = fresh.First(Now).Timestamp;
            var last = fresh.Where(s => s.Timestamp >= from).Reverse().DistinctBy(s => s.Signal.Signal).ToDictionary(s => s.Signal.Signal, s => s.Value);
            if (name is "wire break" or "short") Assert.DoesNotContain("value", last.Keys);
            seen[name] = last;
        }
        await service.StopAsync(CancellationToken.None);

        Assert.Equal((12.0, 50.0, 0.0, 0.0, 0.0), Row(seen["healthy"]));
        Assert.Equal((2.0, 1.0, 0.0, 1.0), Flags(seen["wire break"]));
        Assert.Equal((22.5, 0.0, 1.0, 1.0), Flags(seen["short"]));
        Assert.Equal((4.0, 0.0, 0.0, 0.0, 0.0), Row(seen["healthy at 4 mA"]));
        Assert.True(service.InvalidValues >= 4, $"{service.InvalidValues} refused values");
        Assert.All(store.Samples, s => Assert.Equal("coolant-pressure", s.Signal.Device));
        Assert.DoesNotContain(store.Samples, s => s.Signal.Signal == "value" && s.Value is < -2.5 or > 106.25);
    }

    private static (double, double, double, double, double) Row(Dictionary<string, double> v) =>
        (Math.Round(v["loop_current"], 9), Math.Round(v["value"], 9), v["loop_low"], v["loop_high"], v["loop_fault"]);

    private static (double, double, double, double) Flags(Dictionary<string, double> v) =>
        (Math.Round(v["loop_current"], 9), v["loop_low"], v["loop_high"], v["loop_fault"]);
}
