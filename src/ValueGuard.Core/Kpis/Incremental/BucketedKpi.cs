using ValueGuard.Core.Signals;

namespace ValueGuard.Core.Kpis.Incremental;

/// <summary>
/// Computes the KPI kinds that decompose over time (availability, downtime, counter ratio, flag ratio)
/// from cached bucket summaries plus raw samples at the window's edges and excluded intervals. The result
/// (value, coverage, samples used, inputs digest) equals <see cref="KpiDefinition.Compute"/> over the raw
/// samples of <c>[From - maxGap, To)</c> exactly: time is summed in ticks, counter increases bucket by
/// bucket as <see cref="CounterIncrease"/> does, and the digest is made of the same chunks.
/// </summary>
public static class BucketedKpi
{
    public static bool Supports(KpiDefinition kpi) => kpi is AvailabilityKpi or DowntimeKpi or CounterRatioKpi or FlagRatioKpi;

    /// <summary>
    /// The KPI over <paramref name="shell"/>'s window (its samples are not read; its window, exclusions and
    /// catalog are), or null when a bucket cannot answer (a signal with too many distinct values for a state).
    /// </summary>
    public static KpiResult? TryCompute(KpiDefinition kpi, EvaluationWindowInputs shell, IReadOnlyDictionary<SignalId, BucketedSignal> signals)
    {
        switch (kpi)
        {
            case AvailabilityKpi a when State(signals[a.Signal], a.UpValue) is { } up:
                return a.ResultOf(up, shell, Digest(shell, [signals[a.Signal]], heldInto: true));
            case DowntimeKpi d when State(signals[d.Signal], d.DownValue) is { } down:
                return d.ResultOf(down, shell, Digest(shell, [signals[d.Signal]], heldInto: true));
            case CounterRatioKpi r:
                var good = signals[r.Good];
                var total = signals[r.Total];
                return r.ResultOf(Counter(good), Counter(total), shell, Digest(shell, [good, total], heldInto: true));
            case FlagRatioKpi f:
                var flags = signals[f.Success];
                var (count, trueCount) = Flags(flags);
                return f.ResultOf(count, trueCount, shell, Digest(shell, [flags], heldInto: false));
            default:
                return null;
        }
    }

    private static StateTime? State(BucketedSignal s, double state)
    {
        var window = s.Plan.Window;
        var head = HeldTimePiece.Measure(s.Head, window.From, s.Plan.HeadEnd, s.MaxGap, state, window.From);
        long known = head.KnownTicks, inState = head.InStateTicks;
        var used = head.SamplesUsed;
        foreach (var bucket in s.Buckets)
        {
            if (bucket.HeldTicksAt(state) is not { } ticks) return null;
            known += bucket.HeldKnownTicks;
            inState += ticks;
            if (s.MaxGap > TimeSpan.Zero) used += bucket.Count;
        }
        var tail = HeldTimePiece.Measure(s.Tail, s.Plan.TailStart, window.To, s.MaxGap, state, window.From);
        known += tail.KnownTicks;
        inState += tail.InStateTicks;
        used += tail.SamplesUsed;
        // Excluded time counts as neither known nor in state; samples held through it still count as used.
        foreach (var excluded in s.Excluded)
        {
            var gone = HeldTimePiece.Measure(excluded.Samples, excluded.Interval.From, excluded.Interval.To, s.MaxGap, state, window.From);
            known -= gone.KnownTicks;
            inState -= gone.InStateTicks;
        }
        return new StateTime(TimeSpan.FromTicks(known), TimeSpan.FromTicks(inState), used);
    }

    private static CounterIncrease Counter(BucketedSignal s)
    {
        var window = s.Plan.Window;
        var accumulator = new CounterAccumulator();
        accumulator.AddPairs(s.Head, window.From, s.Plan.HeadEnd, window.From, s.MaxGap);
        foreach (var bucket in s.Buckets) accumulator.AddBucket(bucket.CounterSum, bucket.CounterKnownTicks, bucket.CounterPairs);
        accumulator.AddPairs(s.Tail, s.Plan.TailStart, window.To, window.From, s.MaxGap);
        return accumulator.Result();
    }

    private static (int Count, int TrueCount) Flags(BucketedSignal s)
    {
        var count = 0;
        var trueCount = 0;
        foreach (var sample in Edges(s, heldInto: false))
        {
            count++;
            if (sample.Value != 0) trueCount++;
        }
        foreach (var bucket in s.Buckets)
        {
            count += bucket.Count;
            trueCount += bucket.TrueCount;
        }
        return (count, trueCount);
    }

    /// <summary>The raw edge samples a from-scratch computation reads: from max gap before the window (held kinds) or from its start.</summary>
    private static IEnumerable<Sample> Edges(BucketedSignal s, bool heldInto) =>
        HeadSamples(s, heldInto).Concat(TailSamples(s));

    private static IEnumerable<Sample> HeadSamples(BucketedSignal s, bool heldInto) =>
        heldInto ? s.Head : s.Head.Where(x => x.Timestamp >= s.Plan.Window.From);

    private static IEnumerable<Sample> TailSamples(BucketedSignal s) =>
        s.Tail.Where(x => x.Timestamp >= s.Plan.TailStart && x.Timestamp < s.Plan.Window.To);

    private static string Digest(EvaluationWindowInputs shell, IReadOnlyList<BucketedSignal> signals, bool heldInto) =>
        InputsDigest.Combine(shell.Window, signals.SelectMany(s =>
            EdgeChunks.From(s.Head, heldInto ? DateTimeOffset.MinValue : s.Plan.Window.From)
                .Concat(s.Buckets.Where(b => b.Chunk is not null).Select(b => b.Chunk!))
                .Concat(EdgeChunks.From(s.Tail, s.Plan.TailStart))));
}
