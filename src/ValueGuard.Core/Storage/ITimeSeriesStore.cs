using ValueGuard.Core.Signals;

namespace ValueGuard.Core.Storage;

/// <summary>
/// Where samples live. Writing the same signal and timestamp twice keeps one sample (the last),
/// so replays are idempotent.
/// </summary>
public interface ITimeSeriesStore
{
    /// <summary>Stores samples durably; when the task completes they survive a crash.</summary>
    Task WriteAsync(IReadOnlyList<Sample> samples, CancellationToken cancellationToken);

    /// <summary>Samples of one signal in <c>[from, to)</c>, ordered by time.</summary>
    Task<IReadOnlyList<Sample>> ReadAsync(SignalId signal, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>The instant of the signal's first sample, or null when it has none. Stores override this with an indexed query.</summary>
    async Task<DateTimeOffset?> FirstTimestampAsync(SignalId signal, CancellationToken cancellationToken)
    {
        var all = await ReadAsync(signal, DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue, cancellationToken).ConfigureAwait(false);
        return all.Count > 0 ? all[0].Timestamp : null;
    }
}
