using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ValueGuard.Core.Storage;
using ValueGuard.Ingest.Serial.Modbus;

namespace ValueGuard.Ingest.Serial.Polling;

/// <summary>
/// Polls every device of one Modbus RTU bus at its own rate and stores the samples. All devices share the bus's
/// master (one request queue), so a slow or dead device delays the others only by what the master's back-off allows.
/// A poll that is still running when its next tick comes skips that tick instead of queueing up behind itself.
/// </summary>
public sealed partial class ModbusPollingService(
    ModbusRtuMaster master,
    IReadOnlyList<ModbusDevicePoller> devices,
    ITimeSeriesStore store,
    TimeProvider time,
    ILogger<ModbusPollingService> log) : BackgroundService
{
    private long polls;
    private long samplesStored;
    private long failedReads;

    public long Polls => Interlocked.Read(ref polls);

    public long SamplesStored => Interlocked.Read(ref samplesStored);

    /// <summary>Reads that gave no samples: timeouts, exception responses, reads skipped while a slave was backed off.</summary>
    public long FailedReads => Interlocked.Read(ref failedReads);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(devices.Select(device => PollLoopAsync(device, stoppingToken)));

    private async Task PollLoopAsync(ModbusDevicePoller device, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(device.Device.Poll, time);
        try
        {
            do
            {
                var result = await device.PollAsync(master, time, ct).ConfigureAwait(false);
                Interlocked.Increment(ref polls);
                if (result.Failures.Count > 0)
                {
                    var failed = Interlocked.Add(ref failedReads, result.Failures.Count);
                    // One line per failure would flood the log while a device is off; the counter keeps the total.
                    if (failed <= 10 || failed % 1000 == 0) LogReadFailed(device.Device.Name, device.Device.Slave, result.Failures[0].Message, failed);
                }
                if (result.Samples.Count == 0) continue;
                await StoreAsync(result, ct).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task StoreAsync(PollResult result, CancellationToken ct)
    {
        try
        {
            await store.WriteAsync(result.Samples, ct).ConfigureAwait(false);
            Interlocked.Add(ref samplesStored, result.Samples.Count);
        }
        catch (Exception e) when (e is not (OperationCanceledException or OutOfMemoryException))
        {
            // A polled value cannot be asked for again later; it is lost and the gap shows up as lower coverage.
            LogStoreFailed(result.Samples.Count, e.Message);
        }
    }

    [LoggerMessage(EventId = 2101, EventName = "ModbusReadFailed", Level = LogLevel.Warning,
        Message = "Device {Device} (slave {Slave}): read failed: {Error}; {Count} failed reads so far")]
    private partial void LogReadFailed(string device, byte slave, string error, long count);

    [LoggerMessage(EventId = 2102, EventName = "ModbusStoreFailed", Level = LogLevel.Error,
        Message = "Could not store {SampleCount} polled samples; they are lost: {Error}")]
    private partial void LogStoreFailed(int sampleCount, string error);
}
