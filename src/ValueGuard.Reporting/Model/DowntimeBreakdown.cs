namespace ValueGuard.Reporting.Model;

/// <summary>
/// Where the time of a state-based clause (availability, downtime) went over the report period, in seconds:
/// up, unplanned down, excluded as planned maintenance, and unknown because data was missing.
/// The four add up to the period's length inside the clause's life.
/// </summary>
public sealed record DowntimeBreakdown(double UpSeconds, double UnplannedDownSeconds, double PlannedExcludedSeconds, double DataMissingSeconds, string Method);
