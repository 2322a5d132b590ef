using ValueGuard.Core.Quantities;
using ValueGuard.Core.Signals;

namespace ValueGuard.Core.Kpis;

/// <summary>What a clause measures: a pure function of samples and a window.</summary>
public abstract record KpiDefinition
{
    /// <summary>The kind as written in contracts (<c>availability</c>, <c>downtime</c>, <c>ratio</c>).</summary>
    public abstract string Kind { get; }

    /// <summary>The unit of the KPI value; a clause's thresholds must use the same.</summary>
    public abstract QuantityUnit Unit { get; }

    /// <summary>The signals the KPI names.</summary>
    public abstract IReadOnlyList<SignalId> Inputs { get; }

    /// <summary>The signals the KPI reads on a site (a KPI over whole devices reads all their signals).</summary>
    public virtual IReadOnlyList<SignalId> InputsFrom(ISignalCatalog catalog) => Inputs;

    /// <summary>Whether excluded time (planned maintenance) is taken out of this KPI's window.</summary>
    public virtual bool HonoursExclusions => false;

    /// <summary>Computes the KPI over the inputs' window from the samples of its signals.</summary>
    public abstract KpiResult Compute(EvaluationWindowInputs inputs);

    /// <summary>A sentence explaining the method, for reports.</summary>
    public abstract string DescribeMethod();
}
