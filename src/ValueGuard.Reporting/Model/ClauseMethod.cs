namespace ValueGuard.Reporting.Model;

/// <summary>How each number of a clause was obtained, in words a reader can check against the contract.</summary>
public sealed record ClauseMethod(string Kpi, string Window, string Exclusions, string Coverage, string Series);
