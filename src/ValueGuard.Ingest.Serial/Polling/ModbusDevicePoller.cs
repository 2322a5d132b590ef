using ValueGuard.Core.Signals;
using ValueGuard.Ingest.Serial.Modbus;
using ValueGuard.Ingest.Serial.Registers;

namespace ValueGuard.Ingest.Serial.Polling;

/// <summary>
/// Reads a device's register map with its planned reads and turns the answers into samples. A failed read loses
/// only the points of that read; the others are still returned, and the failure is reported to the caller.
/// </summary>
public sealed class ModbusDevicePoller
{
    private readonly ModbusDevice device;
    private readonly IReadOnlyList<ReadBlock> plan;

    public ModbusDevicePoller(ModbusDevice device, int maxGap = 0)
    {
        var problems = device.Problems();
        if (problems.Count > 0) throw new ArgumentException(string.Join("; ", problems), nameof(device));
        this.device = device;
        plan = ReadPlanner.Plan(device.Points, maxGap);
    }

    public ModbusDevice Device => device;

    public IReadOnlyList<ReadBlock> Plan => plan;

    public async Task<PollResult> PollAsync(ModbusRtuMaster master, TimeProvider time, CancellationToken cancellationToken)
    {
        var samples = new List<Sample>(device.Points.Count);
        var failures = new List<Exception>();
        var invalid = 0;
        foreach (var block in plan)
        {
            try
            {
                var words = await master.ReadTableAsync(device.Slave, block.Table, block.Address, block.Count, cancellationToken).ConfigureAwait(false);
                var at = time.GetUtcNow();
                foreach (var point in block.Points)
                {
                    if (point.TryDecode(words.AsSpan(point.Address - block.Address, point.Width), out var value))
                        samples.Add(new Sample(new SignalId(device.Name, point.Signal), at, value));
                    else invalid++;
                }
            }
            catch (Exception e) when (e is ModbusSlaveException or ModbusTimeoutException or ModbusSlaveUnavailableException)
            {
                failures.Add(e);
            }
        }
        return new PollResult(samples, failures, invalid);
    }
}
