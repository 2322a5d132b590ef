namespace ValueGuard.Core.Windows;

/// <summary>A sorted set of non-overlapping intervals (excluded time), with overlap measurement.</summary>
public sealed class IntervalSet
{
    public static readonly IntervalSet Empty = new([]);

    private readonly TimeInterval[] intervals;

    /// <summary>Sorts and merges the given intervals; empty ones are dropped.</summary>
    public IntervalSet(IEnumerable<TimeInterval> intervals)
    {
        var merged = new List<TimeInterval>();
        foreach (var i in intervals.Where(i => i.To > i.From).OrderBy(i => i.From))
        {
            if (merged.Count > 0 && i.From <= merged[^1].To)
                merged[^1] = merged[^1] with { To = i.To > merged[^1].To ? i.To : merged[^1].To };
            else
                merged.Add(i);
        }
        this.intervals = [.. merged];
    }

    public IReadOnlyList<TimeInterval> Intervals => intervals;

    public bool IsEmpty => intervals.Length == 0;

    /// <summary>How much of <c>[from, to)</c> lies inside the set.</summary>
    public TimeSpan Overlap(DateTimeOffset from, DateTimeOffset to)
    {
        var total = TimeSpan.Zero;
        if (to <= from) return total;
        var i = FirstEndingAfter(from);
        for (; i < intervals.Length && intervals[i].From < to; i++)
        {
            var a = intervals[i].From > from ? intervals[i].From : from;
            var b = intervals[i].To < to ? intervals[i].To : to;
            if (b > a) total += b - a;
        }
        return total;
    }

    public bool Contains(DateTimeOffset instant)
    {
        var i = FirstEndingAfter(instant);
        return i < intervals.Length && intervals[i].From <= instant;
    }

    /// <summary>The start of the first interval that begins after <paramref name="instant"/>, or null.</summary>
    public DateTimeOffset? NextStartAfter(DateTimeOffset instant)
    {
        for (var i = FirstEndingAfter(instant); i < intervals.Length; i++)
            if (intervals[i].From > instant) return intervals[i].From;
        return null;
    }

    private int FirstEndingAfter(DateTimeOffset instant)
    {
        int lo = 0, hi = intervals.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (intervals[mid].To <= instant) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
