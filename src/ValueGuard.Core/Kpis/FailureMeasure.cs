namespace ValueGuard.Core.Kpis;

/// <summary>What a failure KPI reports about the stops of a machine.</summary>
public enum FailureMeasure
{
    /// <summary>Number of stops that began in the window.</summary>
    Count,
    /// <summary>Mean time between failures: up time divided by the number of stops.</summary>
    Mtbf,
    /// <summary>Mean time to repair: down time divided by the number of stops.</summary>
    Mttr,
}
