using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ValueGuard.Core.Signals;
using ValueGuard.Core.Storage;
using ValueGuard.Ingest.Serial.Transport;

namespace ValueGuard.Ingest.Serial.Ascii;

/// <summary>
/// Reads one ASCII device's serial line and stores its samples, stamped with the time their line arrived. Bad lines
/// are counted and skipped by the reader. The line is read on its own thread into a bounded queue of 256 batches; when
/// the store falls that far behind, reading waits and bytes wait in the tty's input buffer; when that overflows the
/// kernel drops bytes, and the torn lines show up as rejected. A line that is missing or goes away is logged and
/// opened again with back-off; it never stops the host.
/// </summary>
public sealed partial class AsciiLineService : BackgroundService
{
    private static readonly TimeSpan ReadWait = TimeSpan.FromMilliseconds(100);
    private readonly AsciiDeviceLine line;
    private readonly Func<SerialLineSettings, ISerialLine> open;
    private readonly ITimeSeriesStore store;
    private readonly TimeProvider time;
    private readonly ILogger log;
    private readonly AsciiLineReader reader;
    private readonly SerialPortTracker tracker;
    private long samplesStored;
    private long opens;
    private long rejected;

    public AsciiLineService(AsciiDeviceLine line, ITimeSeriesStore store, TimeProvider time, ILoggerFactory loggers)
        : this(line, SerialLines.Open, store, time, loggers)
    {
    }

    internal AsciiLineService(AsciiDeviceLine line, Func<SerialLineSettings, ISerialLine> open, ITimeSeriesStore store, TimeProvider time, ILoggerFactory loggers)
    {
        this.line = line;
        this.open = open;
        this.store = store;
        this.time = time;
        log = loggers.CreateLogger<AsciiLineService>();
        reader = line.CreateReader();
        tracker = new SerialPortTracker(line.Line.PortName, log);
    }

    public string Device => line.Device;

    /// <summary>Lines decoded and rejected so far, by reason.</summary>
    public AsciiLineCounters Counters => reader.Counters;

    public long SamplesStored => Interlocked.Read(ref samplesStored);

    /// <summary>How often the serial line was opened (more than once after it went away).</summary>
    public long LineOpens => Interlocked.Read(ref opens);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var port = line.Line.PortName;
        var delay = line.MinReopenDelay;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                ISerialLine serial;
                try
                {
                    serial = open(line.Line);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    SerialLineLog.LineUnavailable(log, port, e.Message, delay);
                    await Task.Delay(delay, time, stoppingToken).ConfigureAwait(false);
                    delay = delay * 2 < line.MaxReopenDelay ? delay * 2 : line.MaxReopenDelay;
                    continue;
                }
                Interlocked.Increment(ref opens);
                tracker.Opened(1);
                delay = line.MinReopenDelay;
                reader.Reset();
                IOException? lost;
                using (serial)
                {
                    lost = await ReadUntilLineFailsAsync(serial, stoppingToken).ConfigureAwait(false);
                }
                if (lost is null) return;
                SerialLineLog.LineLost(log, port, lost.Message, delay);
                await Task.Delay(delay, time, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Reads and stores until stopped (null) or until the line fails (the failure).</summary>
    private async Task<IOException?> ReadUntilLineFailsAsync(ISerialLine serial, CancellationToken ct)
    {
        // The line is read on a thread of its own, like the Modbus master's bus thread: a blocking read must not wait
        // for, or hold, a thread-pool thread. Batches go to the store through a bounded queue.
        var batches = Channel.CreateBounded<IReadOnlyList<Sample>>(new BoundedChannelOptions(256) { SingleReader = true, SingleWriter = true });
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(ct);
        IOException? failure = null;
        var thread = new Thread(() =>
        {
            failure = ReadLoop(serial, batches.Writer, stopReading.Token);
            batches.Writer.Complete();
        }) { IsBackground = true, Name = $"ascii {line.Line.PortName}" };
        thread.Start();
        try
        {
            await foreach (var batch in batches.Reader.ReadAllAsync(ct).ConfigureAwait(false)) await StoreAsync(batch, ct).ConfigureAwait(false);
        }
        finally
        {
            await stopReading.CancelAsync().ConfigureAwait(false);
            thread.Join(); // within one read wait
        }
        return ct.IsCancellationRequested ? null : failure;
    }

    private IOException? ReadLoop(ISerialLine serial, ChannelWriter<IReadOnlyList<Sample>> batches, CancellationToken ct)
    {
        var buffer = new byte[1024];
        while (!ct.IsCancellationRequested)
        {
            int read;
            try
            {
                read = serial.Read(buffer, ReadWait);
            }
            catch (IOException e)
            {
                return e;
            }
            if (read == 0) continue;
            var before = Rejected();
            var samples = reader.Feed(buffer.AsSpan(0, read), time.GetUtcNow());
            if (Rejected() > before) Reject(before);
            if (samples.Count == 0) continue;
            // A full queue (the store is slower than the device) holds the reader; the bytes wait in the tty's buffer.
            while (!batches.TryWrite(samples))
            {
                if (ct.IsCancellationRequested) return null;
                Thread.Sleep(10);
            }
        }
        return null;
    }

    private long Rejected() => Counters.Garbage + Counters.Overlong + Counters.BadChecksum + Counters.Unmatched;

    private void Reject(long before)
    {
        var now = Rejected();
        var total = Interlocked.Add(ref rejected, now - before);
        // One line per bad line would flood the log on a noisy cable; the counters keep the totals.
        if (total - (now - before) < 10 || total / 1000 != (total - (now - before)) / 1000)
            LogLinesRejected(line.Device, line.Line.PortName, Counters.Garbage, Counters.Overlong, Counters.BadChecksum, Counters.Unmatched);
    }

    private async Task StoreAsync(IReadOnlyList<Sample> samples, CancellationToken ct)
    {
        try
        {
            await store.WriteAsync(samples, ct).ConfigureAwait(false);
            Interlocked.Add(ref samplesStored, samples.Count);
        }
        catch (Exception e) when (e is not (OperationCanceledException or OutOfMemoryException))
        {
            // The device will not send these lines again; the gap shows up as lower coverage.
            LogStoreFailed(line.Device, samples.Count, e.Message);
        }
    }

    [LoggerMessage(EventId = 5201, EventName = "AsciiLinesRejected", Level = LogLevel.Warning,
        Message = "Device {Device} on {Port}: lines rejected so far: {Garbage} garbage, {Overlong} over-long, {BadChecksum} bad checksum, {Unmatched} not matching the profile")]
    private partial void LogLinesRejected(string device, string port, long garbage, long overlong, long badChecksum, long unmatched);

    [LoggerMessage(EventId = 5202, EventName = "AsciiStoreFailed", Level = LogLevel.Error,
        Message = "Device {Device}: could not store {SampleCount} samples; they are lost: {Error}")]
    private partial void LogStoreFailed(string device, int sampleCount, string error);
}
