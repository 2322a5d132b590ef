using System.Collections.Concurrent;
using ValueGuard.Core.Contracts;
using ValueGuard.Core.Evidence;
using ValueGuard.Core.Exclusions;
using ValueGuard.Core.Kpis;
using ValueGuard.Core.Kpis.Incremental;
using ValueGuard.Core.Signals;
using ValueGuard.Core.Storage;
using ValueGuard.Core.Verdicts;
using ValueGuard.Core.Windows;

namespace ValueGuard.Gateway.Evaluation;

/// <summary>
/// Computes a clause at an instant from a store: places its window (go-live, first signal, calendar in
/// the contract's zone), takes out its excluded time, reads exactly the samples it needs (including
/// those held into the window) and returns the KPI result and verdict. Time whose samples were recorded as
/// lost counts as unknown. With a <see cref="BucketCache"/>, the KPI kinds <see cref="BucketedKpi"/> supports
/// are assembled from cached one-hour buckets and the window's raw edges (the same result, digest included, as
/// from scratch) unless lost time touches the window, which is computed from scratch.
/// </summary>
public sealed class ClauseCalculator
{
    private readonly ITimeSeriesStore store;
    private readonly ISignalCatalog catalog;
    private readonly BucketCache? buckets;
    private readonly LostTime? lost;
    private readonly ConcurrentDictionary<(string, ClauseId), DateTimeOffset> firstSignals = new();

    public ClauseCalculator(ITimeSeriesStore store, ISignalCatalog catalog, BucketCache? buckets = null, LostTime? lost = null)
    {
        this.lost = lost;
        this.store = store;
        this.catalog = catalog;
        this.buckets = buckets;
    }

    public async Task<ClauseCalculation> CalculateAsync(Contract contract, Clause clause, DateTimeOffset at, CancellationToken ct)
    {
        var timeline = await TimelineForAsync(contract, clause, ct).ConfigureAwait(false);
        if (clause.Window.Resolve(at, timeline) is not { } window) return new ClauseCalculation(timeline, null, null);

        var result = await ComputeOverAsync(contract, clause, window, ct).ConfigureAwait(false);
        var verdict = VerdictRules.Decide(clause, result);
        var forecast = verdict == Verdict.Met ? await BreachForecast.ForAsync(this, contract, clause, result, timeline, ct).ConfigureAwait(false) : null;
        return new ClauseCalculation(timeline, result, forecast is null ? verdict : Verdict.AtRisk) { Forecast = forecast };
    }

    /// <summary>What the clause's window is placed by: go-live, the contract's zone and, when the clause starts from it, the first signal.</summary>
    public async Task<ContractTimeline> TimelineForAsync(Contract contract, Clause clause, CancellationToken ct)
    {
        var inputs = clause.Kpi.InputsFrom(catalog).Distinct().ToList();
        var firstSignal = clause.Window.StartRule.Anchor == WindowAnchor.FirstSignal ? await FirstSignalAsync(contract, clause, inputs, ct).ConfigureAwait(false) : null;
        return contract.TimelineFor(firstSignal);
    }

    /// <summary>The clause's KPI over a given window (a recorded one, when verifying evidence).</summary>
    public async Task<KpiResult> ComputeOverAsync(Contract contract, Clause clause, EvaluationWindow window, CancellationToken ct)
    {
        if (buckets is not null && BucketedKpi.Supports(clause.Kpi) && !LostTimeTouches(clause.Kpi, window))
        {
            var excluded = ExclusionCalendar.Resolve(contract.CalendarsOf(clause), window, contract.Zone);
            if (await ComputeFromBucketsAsync(clause.Kpi, window, excluded, buckets, ct).ConfigureAwait(false) is { } fast) return fast;
        }
        return clause.Kpi.Compute(await InputsOverAsync(contract, clause, window, ct).ConfigureAwait(false));
    }

    /// <summary>
    /// What the clause's KPI reads over a window: its signals' samples (with those held into it), the excluded
    /// time and the lost time, read from the store (never from the bucket cache).
    /// </summary>
    public async Task<EvaluationWindowInputs> InputsOverAsync(Contract contract, Clause clause, EvaluationWindow window, CancellationToken ct)
    {
        var excluded = ExclusionCalendar.Resolve(contract.CalendarsOf(clause), window, contract.Zone);
        var samples = new Dictionary<SignalId, IReadOnlyList<Sample>>();
        foreach (var signal in clause.Kpi.InputsFrom(catalog).Distinct())
            samples[signal] = await store.ReadAsync(signal, window.From - MaxGapOf(signal), window.To, ct).ConfigureAwait(false);
        return new EvaluationWindowInputs(window, samples, catalog, excluded, lost);
    }

    private async Task<KpiResult?> ComputeFromBucketsAsync(KpiDefinition kpi, EvaluationWindow window, IntervalSet excluded, BucketCache cache, CancellationToken ct)
    {
        var signals = new Dictionary<SignalId, BucketedSignal>();
        foreach (var signal in kpi.InputsFrom(catalog).Distinct())
            signals[signal] = await BucketedSignalReader.ReadAsync(store, cache, signal, MaxGapOf(signal), window, kpi.HonoursExclusions ? excluded : IntervalSet.Empty, ct).ConfigureAwait(false);
        return BucketedKpi.TryCompute(kpi, new EvaluationWindowInputs(window, new Dictionary<SignalId, IReadOnlyList<Sample>>(), catalog, excluded), signals);
    }

    /// <summary>Buckets know nothing of lost time, so a window that any input lost samples in is computed from scratch.</summary>
    private bool LostTimeTouches(KpiDefinition kpi, EvaluationWindow window) =>
        lost is { IsEmpty: false } && kpi.InputsFrom(catalog).Any(signal => lost.Of(signal).Overlap(window.From - MaxGapOf(signal), window.To) > TimeSpan.Zero);

    private TimeSpan MaxGapOf(SignalId signal) => catalog.TryGet(signal, out var spec) ? spec.MaxGap : SignalSpec.DefaultMaxGap;

    /// <summary>The first sample of any of the clause's signals; once seen it does not change, so it is cached.</summary>
    private async Task<DateTimeOffset?> FirstSignalAsync(Contract contract, Clause clause, IReadOnlyList<SignalId> inputs, CancellationToken ct)
    {
        if (firstSignals.TryGetValue((contract.Id, clause.Id), out var known)) return known;
        DateTimeOffset? first = null;
        foreach (var signal in inputs)
        {
            var t = await store.FirstTimestampAsync(signal, ct).ConfigureAwait(false);
            if (t is not null && (first is null || t < first)) first = t;
        }
        if (first is { } f) firstSignals[(contract.Id, clause.Id)] = f;
        return first;
    }
}
