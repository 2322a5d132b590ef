namespace ValueGuard.Reporting.Labels;

/// <summary>
/// Every fixed word of a report in one language. The contract's own text, ids and the method sentences
/// stay as written; only the report's labels, verdict words and state names are translated.
/// </summary>
public sealed record ReportLabels
{
    public required string Language { get; init; }
    public required string Title { get; init; }
    public required string Customer { get; init; }
    public required string Contract { get; init; }
    public required string Period { get; init; }
    public required string GeneratedAt { get; init; }
    public required string Gateway { get; init; }
    public required string TimeZone { get; init; }
    public required string LedgerHead { get; init; }
    public required string Records { get; init; }
    public required string LedgerBroken { get; init; }
    public required string Clauses { get; init; }
    public required string ClausesCaption { get; init; }
    public required string Clause { get; init; }
    public required string Target { get; init; }
    public required string Actual { get; init; }
    public required string Coverage { get; init; }
    public required string Verdict { get; init; }
    public required string State { get; init; }
    public required string Trend { get; init; }
    public required string Warn { get; init; }
    public required string BreachShaded { get; init; }
    public required string ChartAlt { get; init; }
    public required string SparklineAlt { get; init; }
    public required string Downtime { get; init; }
    public required string DowntimeCaption { get; init; }
    public required string Up { get; init; }
    public required string UnplannedDown { get; init; }
    public required string PlannedExcluded { get; init; }
    public required string DataMissing { get; init; }
    public required string Episodes { get; init; }
    public required string EpisodesCaption { get; init; }
    public required string NoEpisodes { get; init; }
    public required string Episode { get; init; }
    public required string Opened { get; init; }
    public required string Acknowledged { get; init; }
    public required string Ended { get; init; }
    public required string TimeToAcknowledge { get; init; }
    public required string TimeToRecover { get; init; }
    public required string EscalationLevel { get; init; }
    public required string Tickets { get; init; }
    public required string Forecast { get; init; }
    public required string Running { get; init; }
    public required string Finished { get; init; }
    public required string Projected { get; init; }
    public required string Method { get; init; }
    public required string MethodKpi { get; init; }
    public required string MethodWindow { get; init; }
    public required string MethodExclusions { get; init; }
    public required string MethodCoverage { get; init; }
    public required string MethodSeries { get; init; }
    public required string Inputs { get; init; }
    public required string Samples { get; init; }
    public required string None { get; init; }
    public required string VerifyHint { get; init; }
    public required IReadOnlyDictionary<string, string> Verdicts { get; init; }
    public required IReadOnlyDictionary<string, string> States { get; init; }

    /// <summary>The verdict word in this language (the label itself when it has no translation).</summary>
    public string VerdictWord(string verdict) => Verdicts.GetValueOrDefault(verdict, verdict);

    public string StateWord(string state) => States.GetValueOrDefault(state, state);

    /// <summary>The labels for <c>en</c> or <c>zh-CN</c>.</summary>
    public static ReportLabels For(string language) => language switch
    {
        "en" => ReportLanguages.English,
        "zh-CN" => ReportLanguages.SimplifiedChinese,
        _ => throw new ArgumentException($"Unknown report language '{language}': use en or zh-CN.", nameof(language)),
    };

    public static IReadOnlyList<string> Supported { get; } = ["en", "zh-CN"];
}
