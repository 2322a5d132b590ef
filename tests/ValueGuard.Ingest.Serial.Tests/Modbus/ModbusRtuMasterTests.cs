using Microsoft.Extensions.Logging.Abstractions;
using ValueGuard.Ingest.Serial.Modbus;
using ValueGuard.Ingest.Serial.Registers;
using ValueGuard.Ingest.Serial.Tests.Fakes;
using ValueGuard.Simulator.Modbus;

namespace ValueGuard.Ingest.Serial.Tests.Modbus;

public sealed class ModbusRtuMasterTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(150);
    private readonly MemoryLine line = new();
    private readonly RegisterBank bank = new(coils: 100, discreteInputs: 100, holding: 100, input: 100);
    private readonly ModbusSlaveSimulator slave;
    private readonly ModbusRtuMaster master;

    public ModbusRtuMasterTests()
    {
        slave = new ModbusSlaveSimulator(line.Slave, new Dictionary<byte, RegisterBank> { [1] = bank });
        master = new ModbusRtuMaster(line.Master, new ModbusMasterOptions { ResponseTimeout = Timeout, Retries = 2, MinBackoff = TimeSpan.FromMinutes(1) },
            TimeProvider.System, NullLogger<ModbusRtuMaster>.Instance);
    }

    [Fact]
    public async Task Reads_every_table()
    {
        bank.SetRegisters(ModbusTable.Holding, 10, 1, 2, 0xFFFF);
        bank.SetRegisters(ModbusTable.Input, 99, 42);
        bank.SetBits(ModbusTable.Coil, 3, true, false, true);
        bank.SetBits(ModbusTable.DiscreteInput, 0, [.. Enumerable.Range(0, 100).Select(i => i % 3 == 0)]);

        Assert.Equal(new ushort[] { 1, 2, 0xFFFF }, await master.ReadHoldingRegistersAsync(1, 10, 3, CancellationToken.None));
        Assert.Equal(new ushort[] { 42 }, await master.ReadInputRegistersAsync(1, 99, 1, CancellationToken.None));
        Assert.Equal(new[] { true, false, true }, await master.ReadCoilsAsync(1, 3, 3, CancellationToken.None));
        Assert.Equal(Enumerable.Range(0, 100).Select(i => i % 3 == 0), await master.ReadDiscreteInputsAsync(1, 0, 100, CancellationToken.None));
    }

    [Fact]
    public async Task Writes_reach_the_slave()
    {
        await master.WriteSingleCoilAsync(1, 7, true, CancellationToken.None);
        await master.WriteSingleRegisterAsync(1, 5, 0xBEEF, CancellationToken.None);
        await master.WriteMultipleRegistersAsync(1, 20, [1, 2, 3], CancellationToken.None);

        Assert.True(bank.GetBits(ModbusTable.Coil, 7, 1)[0]);
        Assert.Equal(new ushort[] { 0xBEEF }, bank.GetRegisters(ModbusTable.Holding, 5, 1));
        Assert.Equal(new ushort[] { 1, 2, 3 }, bank.GetRegisters(ModbusTable.Holding, 20, 3));
    }

    [Fact]
    public async Task Exception_response_names_the_code_and_is_not_retried()
    {
        var refused = await Assert.ThrowsAsync<ModbusSlaveException>(() => master.ReadHoldingRegistersAsync(1, 98, 5, CancellationToken.None));

        Assert.Equal(ModbusExceptionCode.IllegalDataAddress, refused.Code);
        Assert.Contains("illegal data address", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1, master.Counters.Requests);
        Assert.Equal(1, master.Counters.ExceptionResponses);
    }

    [Fact]
    public async Task Noise_before_the_answer_is_dropped_and_the_answer_still_read()
    {
        bank.SetRegisters(ModbusTable.Holding, 0, 1234);
        // Noise that even starts like an answer from slave 1 with function 3.
        line.Tamper = (direction, bytes) => direction == MemoryLine.Direction.ToMaster ? [0x00, 0x01, 0x03, 0x02, 0xFF, .. bytes] : bytes;

        Assert.Equal(new ushort[] { 1234 }, await master.ReadHoldingRegistersAsync(1, 0, 1, CancellationToken.None));
        Assert.Equal(1, master.Counters.Requests);
        Assert.True(master.Counters.NoiseBytes >= 5);
    }

    [Fact]
    public async Task A_corrupted_answer_is_counted_and_the_request_retried()
    {
        bank.SetRegisters(ModbusTable.Holding, 0, 77);
        var answers = 0;
        line.Tamper = (direction, bytes) =>
        {
            if (direction == MemoryLine.Direction.ToMaster && Interlocked.Increment(ref answers) == 1) bytes[3] ^= 0x10;
            return bytes;
        };

        Assert.Equal(new ushort[] { 77 }, await master.ReadHoldingRegistersAsync(1, 0, 1, CancellationToken.None));
        Assert.Equal(1, master.Counters.CrcErrors);
        Assert.Equal(1, master.Counters.Timeouts);
        Assert.Equal(2, master.Counters.Requests);
    }

    [Fact]
    public async Task A_silent_slave_times_out_after_every_retry_and_is_then_backed_off()
    {
        var timeout = await Assert.ThrowsAsync<ModbusTimeoutException>(() => master.ReadHoldingRegistersAsync(9, 0, 1, CancellationToken.None));
        Assert.Equal(3, timeout.Attempts);

        await Assert.ThrowsAsync<ModbusSlaveUnavailableException>(() => master.ReadHoldingRegistersAsync(9, 0, 1, CancellationToken.None));
        Assert.Equal(3, master.Counters.Requests);
        Assert.Equal(1, master.Counters.SkippedBackedOff);
    }

    [Fact]
    public async Task An_answer_from_another_slave_is_not_taken_for_the_right_one()
    {
        bank.SetRegisters(ModbusTable.Holding, 0, 5);
        line.Tamper = (direction, bytes) =>
        {
            if (direction != MemoryLine.Direction.ToMaster) return bytes;
            var other = (byte[])bytes.Clone();
            other[0] = 2;
            ModbusCrc.Append(other, other.Length - 2);
            other[4] = 99;
            ModbusCrc.Append(other, other.Length - 2);
            return [.. other, .. bytes];
        };

        Assert.Equal(new ushort[] { 5 }, await master.ReadHoldingRegistersAsync(1, 0, 1, CancellationToken.None));
    }

    [Fact]
    public async Task A_caller_that_cancels_stops_waiting_while_the_bus_is_busy_and_its_request_is_not_sent()
    {
        // Slave 9 is silent: its exchange holds the bus for three response timeouts.
        var busy = master.ReadHoldingRegistersAsync(9, 0, 1, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var waiting = master.ReadHoldingRegistersAsync(1, 0, 1, cancel.Token);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.False(busy.IsCompleted);
        await Assert.ThrowsAsync<ModbusTimeoutException>(() => busy);
        Assert.Equal(3, master.Counters.Requests);
    }

    public void Dispose()
    {
        master.Dispose();
        slave.Dispose();
    }
}
