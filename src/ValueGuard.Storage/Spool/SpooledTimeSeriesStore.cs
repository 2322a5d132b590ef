using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using ValueGuard.Core.Evidence;
using ValueGuard.Core.Signals;
using ValueGuard.Core.Storage;

namespace ValueGuard.Storage.Spool;

/// <summary>
/// Store-and-forward in front of a store that can be away (InfluxDB across the plant network): a write
/// completes once the samples are in the <see cref="DiskSpool"/> on disk, and a background loop forwards
/// them to the inner store in order, retrying with backoff while it is down. Reads go to the inner store,
/// so samples still in the spool are not visible to them yet. What the spool drops under its size or age
/// limit is logged, counted and handed to the <see cref="IDataLossRecorder"/> before the write returns.
/// </summary>
public sealed partial class SpooledTimeSeriesStore : ITimeSeriesStore, IAsyncDisposable
{
    private readonly DiskSpool spool;
    private readonly ITimeSeriesStore inner;
    private readonly SpooledStoreOptions options;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly IDataLossRecorder? losses;
    private readonly Channel<bool> appended = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource stopping = new();
    private readonly Task forwarding;
    private readonly List<Sample> forwardBuffer = [];
    private int forwardFailures;
    private string? lastForwardError;
    private long lastForwardedTicks;
    private TaskCompletionSource roomFreed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SpooledTimeSeriesStore(DiskSpool spool, ITimeSeriesStore inner, SpooledStoreOptions options, TimeProvider time, ILogger<SpooledTimeSeriesStore> logger, IDataLossRecorder? losses = null)
    {
        this.losses = losses;
        var problems = options.Validate();
        if (problems.Count > 0) throw new ArgumentException("Invalid spool forwarding settings: " + string.Join("; ", problems));
        this.spool = spool;
        this.inner = inner;
        this.options = options;
        this.time = time;
        this.logger = logger;
        if (spool.Recovery.LostAnything)
            LogSpoolDamaged(spool.Recovery.LostBytes, spool.Recovery.DamagedRegions, spool.Recovery.RecordsCut, spool.Recovery.SamplesCut,
                spool.Recovery.UncountedBytes, spool.Recovery.RecordsKept);
        forwarding = Task.Run(() => ForwardAsync(stopping.Token));
    }

    /// <summary>Batches written but not yet confirmed by the inner store.</summary>
    public long PendingRecords => spool.PendingRecords;

    /// <summary>The spool's depth, size and totals now.</summary>
    public SpoolHealth Health => spool.Health;

    /// <summary>Failed forwards in a row (0 while the inner store takes writes).</summary>
    public int ForwardFailures => Volatile.Read(ref forwardFailures);

    /// <summary>The last forward error, null after a success.</summary>
    public string? LastForwardError => Volatile.Read(ref lastForwardError);

    /// <summary>When the inner store last confirmed a write.</summary>
    public DateTimeOffset? LastForwardedAt => lastForwardedTicks == 0 ? null : new DateTimeOffset(Interlocked.Read(ref lastForwardedTicks), TimeSpan.Zero);

    /// <summary>
    /// Spools the batch, as one record or, when it is larger than the spool's largest record, in pieces in order. A full
    /// spool that refuses new writes refuses the first piece at once (the caller keeps its messages unacknowledged);
    /// a later piece waits up to <see cref="SpooledStoreOptions.RoomWait"/> for the forwarder to free room, so that a burst larger than the
    /// whole spool goes through it piece by piece instead of being retried from the start forever.
    /// </summary>
    public async Task WriteAsync(IReadOnlyList<Sample> samples, CancellationToken cancellationToken)
    {
        if (samples.Count == 0) return;
        var maxPayload = spool.MaxRecordBytes - SpoolSegment.RecordHeaderBytes;
        if (SampleBatchCodec.EncodedSize(samples) <= maxPayload)
        {
            await AppendAsync(samples, cancellationToken).ConfigureAwait(false);
            return;
        }
        var first = true;
        foreach (var piece in SampleBatchCodec.Split(samples, maxPayload))
        {
            if (first) await AppendAsync(piece, cancellationToken).ConfigureAwait(false);
            else await AppendWaitingForRoomAsync(piece, cancellationToken).ConfigureAwait(false);
            first = false;
        }
    }

    private async Task AppendAsync(IReadOnlyList<Sample> samples, CancellationToken cancellationToken)
    {
        var result = await spool.AppendAsync(samples, cancellationToken).ConfigureAwait(false);
        await ReportAsync(result.Losses, cancellationToken).ConfigureAwait(false);
        if (result.Sequence is not null) appended.Writer.TryWrite(true);
    }

    private async Task AppendWaitingForRoomAsync(IReadOnlyList<Sample> samples, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stopping.Token);
        // A wait for the forwarder, not a deadline of the plant's: real time, whatever clock the store was given.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var freed = Volatile.Read(ref roomFreed).Task;
            try
            {
                await AppendAsync(samples, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (SpoolFullException) when (waited.Elapsed < options.RoomWait)
            {
                var left = options.RoomWait - waited.Elapsed;
                try { await freed.WaitAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero, linked.Token).ConfigureAwait(false); }
                catch (TimeoutException)
                {
                    // One more try below, then the refusal goes to the caller.
                }
            }
        }
    }

    public Task<IReadOnlyList<Sample>> ReadAsync(SignalId signal, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        inner.ReadAsync(signal, from, to, cancellationToken);

    public Task<DateTimeOffset?> FirstTimestampAsync(SignalId signal, CancellationToken cancellationToken) =>
        inner.FirstTimestampAsync(signal, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await forwarding.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping mid-forward is fine: what was not confirmed stays in the spool for next time.
        }
        stopping.Dispose();
    }

    private async Task ForwardAsync(CancellationToken cancellationToken)
    {
        var delay = options.RetryDelay;
        var failures = 0;
        var recovering = false;
        var lingered = false;
        var caughtUp = true;
        while (!cancellationToken.IsCancellationRequested)
        {
            await ReportAsync(spool.DropExpired(), cancellationToken).ConfigureAwait(false);
            forwardBuffer.Clear();
            var (records, lastSequence) = spool.ReadPendingInto(options.MaxSamplesPerWrite, forwardBuffer);
            if (lastSequence is not { } sequence)
            {
                await appended.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }
            if (caughtUp && !lingered && forwardBuffer.Count < options.MaxSamplesPerWrite && options.ForwardLinger > TimeSpan.Zero)
            {
                // Only while the forwarder keeps up (a backlog goes out in full writes at once). A performance wait, not a
                // deadline: real time, whatever clock the store was given.
                lingered = true;
                await Task.Delay(options.ForwardLinger, cancellationToken).ConfigureAwait(false);
                continue;
            }
            lingered = false;
            caughtUp = forwardBuffer.Count < options.MaxSamplesPerWrite;
            try
            {
                // The inner store is done with the list when its write returns, so the next forward reuses it.
                await inner.WriteAsync(forwardBuffer, cancellationToken).ConfigureAwait(false);
                spool.Confirm(sequence);
                Interlocked.Exchange(ref roomFreed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
                Interlocked.Exchange(ref lastForwardedTicks, time.GetUtcNow().UtcTicks);
                Volatile.Write(ref lastForwardError, null);
                Volatile.Write(ref forwardFailures, 0);
                if (failures > 0) LogForwardRecovered(failures, spool.PendingRecords);
                recovering |= failures > 0;
                if (recovering && spool.PendingRecords == 0)
                {
                    LogDrained();
                    recovering = false;
                }
                failures = 0;
                delay = options.RetryDelay;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                failures++;
                Volatile.Write(ref forwardFailures, failures);
                Volatile.Write(ref lastForwardError, ex.Message);
                LogForwardFailed(records, failures, delay, ex.Message);
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.MaxRetryDelay.Ticks));
            }
        }
    }

    private async Task ReportAsync(IReadOnlyList<DataLossNotice> notices, CancellationToken cancellationToken)
    {
        foreach (var notice in notices)
        {
            LogSamplesDropped(notice.Samples, notice.Records, notice.Reason, notice.Policy, notice.Signals.Count, notice.From, notice.To);
            SpoolInstruments.DroppedSamples.Add(notice.Samples, new("reason", notice.Reason), new("policy", notice.Policy));
            if (losses is not null) await losses.RecordAsync(notice, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 4105, EventName = "SpoolSamplesDropped", Level = LogLevel.Error,
        Message = "The spool dropped {Samples} samples in {Records} batches ({Reason}, policy {Policy}) of {Signals} signals from {From:o} to {To:o}; the time counts as unknown")]
    private partial void LogSamplesDropped(long samples, long records, string reason, string policy, int signals, DateTimeOffset? from, DateTimeOffset? to);

    [LoggerMessage(EventId = 4101, EventName = "SpoolDamaged", Level = LogLevel.Error,
        Message = "The spool was damaged (crash or disk fault): {LostBytes} bytes in {DamagedRegions} regions lost, holding {RecordsCut} countable records with {SamplesCut} samples and {UncountedBytes} bytes not countable; {RecordsKept} intact records kept")]
    private partial void LogSpoolDamaged(long lostBytes, int damagedRegions, long recordsCut, long samplesCut, long uncountedBytes, long recordsKept);

    [LoggerMessage(EventId = 4102, EventName = "SpoolForwardFailed", Level = LogLevel.Warning,
        Message = "Could not forward {RecordCount} spooled batches to the store (failure {Failures}), retrying in {Delay}: {Error}")]
    private partial void LogForwardFailed(int recordCount, int failures, TimeSpan delay, string error);

    [LoggerMessage(EventId = 4103, EventName = "SpoolForwardRecovered", Level = LogLevel.Information,
        Message = "The store takes spooled samples again after {Failures} failures; {PendingRecords} batches still to forward")]
    private partial void LogForwardRecovered(int failures, long pendingRecords);

    [LoggerMessage(EventId = 4104, EventName = "SpoolDrained", Level = LogLevel.Information,
        Message = "Everything spooled during the store's outage has been forwarded; the spool is empty")]
    private partial void LogDrained();
}
