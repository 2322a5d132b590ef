using Microsoft.Extensions.Logging.Abstractions;
using ValueGuard.Core.Signals;
using ValueGuard.Ingest.Serial.Modbus;
using ValueGuard.Ingest.Serial.Polling;
using ValueGuard.Ingest.Serial.Registers;
using ValueGuard.Ingest.Serial.Transport;
using ValueGuard.Simulator.Modbus;
using ValueGuard.Testing;

namespace ValueGuard.Ingest.Serial.Tests.Pty;

/// <summary>The master against the simulator slave over a real socat pseudo-terminal pair (needs socat).</summary>
public sealed class PtyModbusTests : PtyTest
{
    [Fact]
    public async Task Master_reads_every_type_in_every_order_from_the_simulator_over_a_pty()
    {
        var bank = new RegisterBank();
        var points = new List<RegisterPoint>();
        var expected = new Dictionary<string, double>();
        ushort address = 0;
        var values = new Dictionary<RegisterType, double>
        {
            [RegisterType.Int16] = -12345, [RegisterType.UInt16] = 54321, [RegisterType.Int32] = -2_000_000_001,
            [RegisterType.UInt32] = 4_000_000_001, [RegisterType.Int64] = -9_000_000_000_001, [RegisterType.UInt64] = 9_007_199_254_740_991,
            [RegisterType.Float32] = 21.5, [RegisterType.Float64] = Math.PI,
        };
        foreach (var (type, value) in values)
            foreach (var words in new[] { Endianness.Big, Endianness.Little })
                foreach (var bytes in new[] { Endianness.Big, Endianness.Little })
                {
                    var order = new DataOrder(words, bytes);
                    var table = address % 8 == 0 ? ModbusTable.Holding : ModbusTable.Input;
                    var name = $"{type}-{order}".ToLowerInvariant();
                    bank.SetValue(table, address, value, type, order);
                    points.Add(new RegisterPoint(name, table, address, type) { Order = order });
                    expected[name] = value;
                    address += 4;
                }
        bank.SetBits(ModbusTable.Coil, 3, true);
        bank.SetBits(ModbusTable.DiscreteInput, 4, true);
        points.Add(new RegisterPoint("coil", ModbusTable.Coil, 3, RegisterType.Bit));
        points.Add(new RegisterPoint("input", ModbusTable.DiscreteInput, 4, RegisterType.Bit));
        expected["coil"] = 1;
        expected["input"] = 1;

        using var slave = new ModbusSlaveSimulator(Port(Pty.B), new Dictionary<byte, RegisterBank> { [1] = bank });
        using var master = Master(Pty.A);
        var poller = new ModbusDevicePoller(new ModbusDevice("drive-1", 1, points, TimeSpan.FromSeconds(1)), maxGap: 8);
        var result = await poller.PollAsync(master, TimeProvider.System, CancellationToken.None);

        Assert.Empty(result.Failures);
        Assert.Equal(expected.OrderBy(e => e.Key), result.Samples.Select(s => KeyValuePair.Create(s.Signal.Signal, s.Value)).OrderBy(e => e.Key));
        Assert.All(result.Samples, s => Assert.Equal("drive-1", s.Signal.Device));
        Assert.Equal(4, poller.Plan.Count); // holding, input, coil, discrete input: one read each
    }

    [Fact]
    public async Task System_IO_Ports_serial_port_carries_the_exchange_too()
    {
        // Windows gateways use SystemIoSerialLine; on Linux it works too, at System.IO.Ports' coarser timing.
        var bank = new RegisterBank();
        bank.SetValue(ModbusTable.Holding, 0, -1.25, RegisterType.Float32, new DataOrder(Endianness.Little, Endianness.Big));
        using var slave = new ModbusSlaveSimulator(new SystemIoSerialLine(Line(Pty.B)), new Dictionary<byte, RegisterBank> { [3] = bank });
        using var master = new ModbusRtuMaster(new SystemIoSerialLine(Line(Pty.A)), new ModbusMasterOptions(), TimeProvider.System, NullLogger<ModbusRtuMaster>.Instance);

        var words = await master.ReadHoldingRegistersAsync(3, 0, 2, CancellationToken.None);

        Assert.Equal(-1.25, RegisterCodec.Decode(words, RegisterType.Float32, new DataOrder(Endianness.Little, Endianness.Big)));
    }

    [Fact]
    public async Task A_line_that_goes_away_stops_the_simulator_and_fails_the_masters_request_without_crashing()
    {
        using var slave = new ModbusSlaveSimulator(Port(Pty.B), new Dictionary<byte, RegisterBank> { [1] = new RegisterBank() });
        using var master = Master(Pty.A);
        await master.ReadHoldingRegistersAsync(1, 0, 1, CancellationToken.None);

        Pty.Dispose(); // socat exits: both tty ends hang up, like an unplugged USB adapter

        await Eventually.WaitFor(() => slave.Fault is IOException, "the simulator to notice the hang-up", seconds: 10);
        await Assert.ThrowsAsync<IOException>(() => master.ReadHoldingRegistersAsync(1, 0, 1, CancellationToken.None));
    }
}
