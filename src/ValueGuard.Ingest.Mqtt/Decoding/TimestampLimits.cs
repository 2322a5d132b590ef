using ValueGuard.Core.Signals;

namespace ValueGuard.Ingest.Mqtt.Decoding;

/// <summary>
/// How far a sample's timestamp may lie ahead of (<see cref="MaxFuture"/>) or behind (<see cref="MaxPast"/>) the
/// gateway's receive time. A message with one sample outside is rejected whole: <c>future-timestamp</c> or <c>past-timestamp</c>;
/// in a batch of readings only the item holding it is (<see cref="JsonReadingsDecoder"/>).
/// </summary>
public sealed record TimestampLimits(TimeSpan MaxFuture, TimeSpan MaxPast)
{
    /// <summary>No limit: for replays of recorded or simulated history (the demo), where device time is not meant to be the receive time.</summary>
    public static TimestampLimits None { get; } = new(TimeSpan.MaxValue, TimeSpan.MaxValue);

    /// <summary>The result of a decoded message, or its rejection when a sample lies outside the limits.</summary>
    public DecodeResult Check(DecodeResult decoded, DateTimeOffset arrival)
    {
        if (decoded.IsRejected) return decoded;
        foreach (var sample in decoded.Samples)
        {
            var ahead = sample.Timestamp - arrival;
            if (ahead > MaxFuture)
                return DecodeResult.Rejected("future-timestamp",
                    $"sample {sample.Signal} at {sample.Timestamp:O} is {ahead} ahead of receive time {arrival:O}; the limit is {MaxFuture} (site ingest.max_future)") with { Device = decoded.Device };
            if (-ahead > MaxPast)
                return DecodeResult.Rejected("past-timestamp",
                    $"sample {sample.Signal} at {sample.Timestamp:O} is {-ahead} behind receive time {arrival:O}; the limit is {MaxPast} (site ingest.max_past)") with { Device = decoded.Device };
        }
        return decoded;
    }
}
