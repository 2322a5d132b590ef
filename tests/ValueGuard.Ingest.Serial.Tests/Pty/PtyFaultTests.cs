using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using ValueGuard.Ingest.Serial.Modbus;
using ValueGuard.Ingest.Serial.Registers;
using ValueGuard.Ingest.Serial.Transport;
using ValueGuard.Simulator.Modbus;
using ValueGuard.Testing;

namespace ValueGuard.Ingest.Serial.Tests.Pty;

/// <summary>The master on a damaged line and on a bus with a dead slave, over real pty pairs (needs socat).</summary>
public sealed class PtyFaultTests : IDisposable
{
    private readonly TempDirectory temp = new();
    private readonly List<IDisposable> owned = [];

    [Fact]
    public async Task Corrupted_dropped_and_noisy_answers_are_counted_and_no_good_answer_is_lost()
    {
        var toProxy = Own(new PtyPair(temp.Path, "master"));
        var toSlave = Own(new PtyPair(temp.Path, "slave"));
        var bank = new RegisterBank();
        bank.SetRegisters(ModbusTable.Holding, 0, 11, 22, 33, 44);
        Own(new ModbusSlaveSimulator(PtyTest.Port(toSlave.B), new Dictionary<byte, RegisterBank> { [1] = bank }));
        var link = Own(new FaultyLink(PtyTest.Port(toProxy.B), PtyTest.Port(toSlave.A), answerLength: 13));
        var master = Own(PtyTest.Master(toProxy.A, new ModbusMasterOptions
        {
            ResponseTimeout = TimeSpan.FromMilliseconds(150), Retries = 2, MinBackoff = TimeSpan.FromMilliseconds(10), MaxBackoff = TimeSpan.FromMilliseconds(10),
        }));

        int good = 0, failed = 0;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 100; i++)
        {
            try
            {
                Assert.Equal(new ushort[] { 11, 22, 33, 44 }, await master.ReadHoldingRegistersAsync(1, 0, 4, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5)));
                good++;
            }
            catch (Exception e) when (e is ModbusTimeoutException or ModbusSlaveUnavailableException)
            {
                failed++;
            }
        }
        link.Faulty = false;
        // The last reads may have backed the slave off for 10 ms; once that is over the line must work again.
        ushort[]? after = null;
        await Eventually.WaitFor(() =>
        {
            try { after = master.ReadHoldingRegistersAsync(1, 0, 4, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5)).GetAwaiter().GetResult(); }
            catch (ModbusSlaveUnavailableException) { }
            return after is not null;
        }, "a read after the faults stopped", seconds: 5);

        Assert.Equal(new ushort[] { 11, 22, 33, 44 }, after);
        Assert.Equal(100, good + failed);
        Assert.Equal(link.Intact, master.Counters.Responses);
        Assert.Equal(link.Corrupted, master.Counters.CrcErrors);
        Assert.True(link.Dropped > 0 && master.Counters.Timeouts >= link.Dropped, $"dropped {link.Dropped}, timeouts {master.Counters.Timeouts}");
        // A third of answers damaged: most reads still succeed within their retries; a slave that failed a whole exchange
        // is probed once per back-off, so some reads fail fast instead of waiting.
        Assert.True(good >= 60, $"only {good} of 100 reads succeeded ({clock.Elapsed}, {master.Counters.SkippedBackedOff} skipped)");
        Assert.True(master.Counters.NoiseBytes > 0);
    }

    [Fact]
    public async Task A_dead_slave_on_the_bus_does_not_starve_the_live_one()
    {
        var pty = Own(new PtyPair(temp.Path));
        var bank = new RegisterBank();
        bank.SetRegisters(ModbusTable.Input, 0, 7);
        Own(new ModbusSlaveSimulator(PtyTest.Port(pty.B), new Dictionary<byte, RegisterBank> { [1] = bank }));
        // Back-off runs on this clock, so the test decides when the dead slave may be probed again; I/O timing is real.
        var clock = new ManualClock(new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero));
        var master = Own(new ModbusRtuMaster(PtyTest.Port(pty.A), new ModbusMasterOptions
        {
            ResponseTimeout = TimeSpan.FromMilliseconds(200), Retries = 2, MinBackoff = TimeSpan.FromSeconds(1), MaxBackoff = TimeSpan.FromMinutes(1),
        }, clock, NullLogger<ModbusRtuMaster>.Instance));
        var period = TimeSpan.FromMilliseconds(50);
        var duration = TimeSpan.FromSeconds(3);

        var live = Poll(master, slave: 1, period, duration);
        var dead = Poll(master, slave: 2, period, duration);
        // Advance past the back-off only once the dead slave's first exchange has failed (a fixed delay raced it on a
        // loaded machine: a failure recorded after the advance starts its back-off later and is never probed again).
        await Eventually.WaitFor(() => master.Counters.Timeouts >= 3, "the dead slave's first exchange to time out", 10);
        clock.Advance(TimeSpan.FromSeconds(1));
        var (liveReads, liveFailures) = await live;
        var (deadReads, deadFailures) = await dead;

        var schedule = (int)(duration / period);
        // Three attempts at first, then one probe when the back-off is over; every other dead poll is skipped.
        Assert.Equal(4, master.Counters.Timeouts);
        Assert.Equal(0, deadReads);
        Assert.Equal(deadFailures - 2, master.Counters.SkippedBackedOff);
        // Without back-off every dead poll would hold the bus for 3 x 200 ms and the live slave would get about 5 reads;
        // with it, about 40 on a quiet machine and 18 on a loaded 2-core CI run, so twice the starved figure is the bar.
        Assert.Equal(0, liveFailures);
        Assert.True(liveReads >= schedule / 6, $"live slave read {liveReads} times of {schedule} scheduled");
    }

    private static async Task<(int Reads, int Failures)> Poll(ModbusRtuMaster master, byte slave, TimeSpan period, TimeSpan duration)
    {
        int reads = 0, failures = 0;
        using var timer = new PeriodicTimer(period);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration && await timer.WaitForNextTickAsync())
        {
            try
            {
                await master.ReadInputRegistersAsync(slave, 0, 1, CancellationToken.None);
                reads++;
            }
            catch (Exception e) when (e is ModbusTimeoutException or ModbusSlaveUnavailableException)
            {
                failures++;
            }
        }
        return (reads, failures);
    }

    private T Own<T>(T item) where T : IDisposable
    {
        owned.Add(item);
        return item;
    }

    public void Dispose()
    {
        for (var i = owned.Count - 1; i >= 0; i--) owned[i].Dispose();
        temp.Dispose();
    }
}
