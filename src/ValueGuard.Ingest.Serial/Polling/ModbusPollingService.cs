using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ValueGuard.Core.Storage;
using ValueGuard.Ingest.Serial.Modbus;
using ValueGuard.Ingest.Serial.Transport;

namespace ValueGuard.Ingest.Serial.Polling;

/// <summary>
/// Polls every device of one Modbus RTU bus at its own rate and stores the samples. All devices share the bus's
/// master (one request queue), so a slow or dead device delays the others only by what the master's back-off allows.
/// A poll that is still running when its next tick comes skips that tick instead of queueing up behind itself.
/// A serial line that is missing or goes away (an unplugged USB adapter) is logged and opened again with back-off;
/// it never stops the host.
/// </summary>
public sealed partial class ModbusPollingService : BackgroundService
{
    private readonly Func<ModbusRtuMaster> openMaster;
    private readonly bool ownsMaster;
    private readonly string portName;
    private readonly IReadOnlyList<ModbusDevicePoller> devices;
    private readonly ITimeSeriesStore store;
    private readonly TimeProvider time;
    private readonly ILogger log;
    private readonly TimeSpan minReopenDelay;
    private readonly TimeSpan maxReopenDelay;
    private long polls;
    private long samplesStored;
    private long failedReads;
    private long opens;
    private long invalidValues;
    private readonly SerialPortTracker tracker;

    /// <summary>Polls through a master the caller opened and disposes.</summary>
    public ModbusPollingService(ModbusRtuMaster master, IReadOnlyList<ModbusDevicePoller> devices, ITimeSeriesStore store, TimeProvider time, ILogger<ModbusPollingService> log)
        : this(() => master, ownsMaster: false, "bus", devices, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), store, time, log)
    {
    }

    /// <summary>Opens the bus's serial line itself, and again whenever it is missing or goes away.</summary>
    public ModbusPollingService(ModbusBus bus, ITimeSeriesStore store, TimeProvider time, ILoggerFactory loggers)
        : this(() => new ModbusRtuMaster(SerialLines.Open(bus.Line), bus.Master, time, loggers.CreateLogger<ModbusRtuMaster>()), ownsMaster: true,
            bus.Line.PortName, bus.Devices, bus.MinReopenDelay, bus.MaxReopenDelay, store, time, loggers.CreateLogger<ModbusPollingService>())
    {
    }

    private ModbusPollingService(Func<ModbusRtuMaster> openMaster, bool ownsMaster, string portName, IReadOnlyList<ModbusDevicePoller> devices,
        TimeSpan minReopenDelay, TimeSpan maxReopenDelay, ITimeSeriesStore store, TimeProvider time, ILogger log)
    {
        this.openMaster = openMaster;
        this.ownsMaster = ownsMaster;
        this.portName = portName;
        this.devices = devices;
        this.minReopenDelay = minReopenDelay;
        this.maxReopenDelay = maxReopenDelay;
        this.store = store;
        this.time = time;
        this.log = log;
        tracker = new SerialPortTracker(portName, log);
    }

    public long Polls => Interlocked.Read(ref polls);

    public long SamplesStored => Interlocked.Read(ref samplesStored);

    /// <summary>Reads that gave no samples: timeouts, exception responses, reads skipped while a slave was backed off.</summary>
    public long FailedReads => Interlocked.Read(ref failedReads);

    /// <summary>Values read but refused by their register's valid limits (a broken 4–20 mA loop), never stored.</summary>
    public long InvalidValues => Interlocked.Read(ref invalidValues);

    /// <summary>How often the serial line was opened (more than once after it went away).</summary>
    public long LineOpens => Interlocked.Read(ref opens);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = minReopenDelay;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                ModbusRtuMaster master;
                try
                {
                    master = openMaster();
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    SerialLineLog.LineUnavailable(log, portName, e.Message, delay);
                    await Task.Delay(delay, time, stoppingToken).ConfigureAwait(false);
                    delay = Next(delay);
                    continue;
                }
                Interlocked.Increment(ref opens);
                tracker.Opened(devices.Count);
                delay = minReopenDelay;
                Exception? lost;
                try
                {
                    lost = await PollUntilLineFailsAsync(master, stoppingToken).ConfigureAwait(false);
                }
                finally
                {
                    if (ownsMaster) master.Dispose();
                }
                if (lost is null) return;
                SerialLineLog.LineLost(log, portName, lost.Message, delay);
                await Task.Delay(delay, time, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private TimeSpan Next(TimeSpan delay) => delay * 2 < maxReopenDelay ? delay * 2 : maxReopenDelay;

    /// <summary>Polls every device until stopped (null) or until the line fails (the failure).</summary>
    private async Task<Exception?> PollUntilLineFailsAsync(ModbusRtuMaster master, CancellationToken ct)
    {
        using var lineLost = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Exception? failure = null;
        async Task PollDevice(ModbusDevicePoller device)
        {
            try
            {
                await PollLoopAsync(device, master, lineLost.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException && !ct.IsCancellationRequested)
            {
                Interlocked.CompareExchange(ref failure, e, null);
                await lineLost.CancelAsync().ConfigureAwait(false);
            }
        }
        await Task.WhenAll(devices.Select(PollDevice)).ConfigureAwait(false);
        return ct.IsCancellationRequested ? null : failure;
    }

    private async Task PollLoopAsync(ModbusDevicePoller device, ModbusRtuMaster master, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(device.Device.Poll, time);
        try
        {
            do
            {
                var result = await device.PollAsync(master, time, ct).ConfigureAwait(false);
                Interlocked.Increment(ref polls);
                if (result.InvalidValues > 0)
                {
                    var refused = Interlocked.Add(ref invalidValues, result.InvalidValues);
                    if (refused <= 10 || refused % 1000 == 0) LogValuesInvalid(device.Device.Name, device.Device.Slave, refused);
                }
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

    [LoggerMessage(EventId = 5101, EventName = "ModbusReadFailed", Level = LogLevel.Warning,
        Message = "Device {Device} (slave {Slave}): read failed: {Error}; {Count} failed reads so far")]
    private partial void LogReadFailed(string device, byte slave, string error, long count);

    [LoggerMessage(EventId = 5108, EventName = "ModbusValueInvalid", Level = LogLevel.Warning,
        Message = "Device {Device} (slave {Slave}): a value outside its register's valid limits was not stored; {Count} so far")]
    private partial void LogValuesInvalid(string device, byte slave, long count);

    [LoggerMessage(EventId = 5102, EventName = "ModbusStoreFailed", Level = LogLevel.Error,
        Message = "Could not store {SampleCount} polled samples; they are lost: {Error}")]
    private partial void LogStoreFailed(int sampleCount, string error);
}
