using System.Collections.Concurrent;
using ValueGuard.Core.Contracts;
using ValueGuard.Core.Exclusions;
using ValueGuard.Core.Kpis;
using ValueGuard.Core.Signals;
using ValueGuard.Core.Storage;
using ValueGuard.Core.Verdicts;
using ValueGuard.Core.Windows;

namespace ValueGuard.Gateway.Evaluation;

/// <summary>
/// Computes a clause at an instant from a store: places its window (go-live, first signal, calendar in
/// the contract's zone), takes out its excluded time, reads exactly the samples it needs (including
/// those held into the window) and returns the KPI result and verdict. No state, no side effects.
/// </summary>
public sealed class ClauseCalculator
{
    private readonly ITimeSeriesStore store;
    private readonly ISignalCatalog catalog;
    private readonly ConcurrentDictionary<(string, ClauseId), DateTimeOffset> firstSignals = new();

    public ClauseCalculator(ITimeSeriesStore store, ISignalCatalog catalog)
    {
        this.store = store;
        this.catalog = catalog;
    }

    public async Task<ClauseCalculation> CalculateAsync(Contract contract, Clause clause, DateTimeOffset at, CancellationToken ct)
    {
        var inputs = clause.Kpi.InputsFrom(catalog).Distinct().ToList();
        var firstSignal = clause.Window.StartRule.Anchor == WindowAnchor.FirstSignal ? await FirstSignalAsync(contract, clause, inputs, ct).ConfigureAwait(false) : null;
        var timeline = contract.TimelineFor(firstSignal);
        if (clause.Window.Resolve(at, timeline) is not { } window) return new ClauseCalculation(timeline, null, null);

        var result = await ComputeOverAsync(contract, clause, window, ct).ConfigureAwait(false);
        var verdict = VerdictRules.Decide(clause, result);
        var forecast = verdict == Verdict.Met ? await BreachForecast.ForAsync(this, contract, clause, result, timeline, ct).ConfigureAwait(false) : null;
        return new ClauseCalculation(timeline, result, forecast is null ? verdict : Verdict.AtRisk) { Forecast = forecast };
    }

    /// <summary>The clause's KPI over a given window (a recorded one, when verifying evidence).</summary>
    public async Task<KpiResult> ComputeOverAsync(Contract contract, Clause clause, EvaluationWindow window, CancellationToken ct) =>
        clause.Kpi.Compute(await InputsOverAsync(contract, clause, window, ct).ConfigureAwait(false));

    /// <summary>What the clause's KPI reads over a window: its signals' samples (with those held into it) and the excluded time.</summary>
    public async Task<EvaluationWindowInputs> InputsOverAsync(Contract contract, Clause clause, EvaluationWindow window, CancellationToken ct)
    {
        var samples = new Dictionary<SignalId, IReadOnlyList<Sample>>();
        foreach (var signal in clause.Kpi.InputsFrom(catalog).Distinct())
        {
            var maxGap = catalog.TryGet(signal, out var spec) ? spec.MaxGap : SignalSpec.DefaultMaxGap;
            samples[signal] = await store.ReadAsync(signal, window.From - maxGap, window.To, ct).ConfigureAwait(false);
        }
        var excluded = ExclusionCalendar.Resolve(contract.CalendarsOf(clause), window, contract.Zone);
        return new EvaluationWindowInputs(window, samples, catalog, excluded);
    }

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
