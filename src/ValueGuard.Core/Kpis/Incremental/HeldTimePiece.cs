using ValueGuard.Core.Signals;

namespace ValueGuard.Core.Kpis.Incremental;

/// <summary>
/// Sample-and-hold over one piece <c>[From, To)</c> of a window, from the samples of
/// <c>[From - maxGap, To)</c>: the same segments <see cref="SampleAndHold"/> yields, cut to the piece.
/// Pieces that partition a window add up to the whole window's known and in-state time.
/// </summary>
internal readonly record struct HeldTimePiece(long KnownTicks, long InStateTicks, int SamplesUsed)
{
    /// <summary>
    /// A sample counts as used in the piece where its segment starts: the piece holding its timestamp, or the
    /// window's first piece (<paramref name="windowFrom"/> = <paramref name="from"/>) for a sample held into the window.
    /// </summary>
    public static HeldTimePiece Measure(IReadOnlyList<Sample> samples, DateTimeOffset from, DateTimeOffset to, TimeSpan maxGap, double state, DateTimeOffset windowFrom)
    {
        long known = 0, inState = 0;
        var used = 0;
        for (var i = 0; i < samples.Count; i++)
        {
            var start = samples[i].Timestamp;
            if (start >= to) break;
            var holdUntil = start + maxGap;
            if (i + 1 < samples.Count && samples[i + 1].Timestamp < holdUntil) holdUntil = samples[i + 1].Timestamp;
            var a = start > from ? start : from;
            var b = holdUntil < to ? holdUntil : to;
            if (b <= a) continue;
            known += (b - a).Ticks;
            if (samples[i].Value == state) inState += (b - a).Ticks;
            if (start >= from || from == windowFrom) used++;
        }
        return new HeldTimePiece(known, inState, used);
    }
}
