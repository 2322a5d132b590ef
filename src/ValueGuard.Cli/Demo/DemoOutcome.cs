using ValueGuard.Gateway.Evaluation;

namespace ValueGuard.Cli.Demo;

/// <summary>What a demo run produced and where it put it.</summary>
internal sealed record DemoOutcome(
    IReadOnlyList<ClauseStatus> Clauses,
    IReadOnlyDictionary<string, string> TicketByClause,
    string ReportPath,
    string TicketDirectory,
    string DataDirectory,
    string LedgerPath,
    long LedgerRecords,
    string LedgerHead,
    long MessagesPublished,
    long SamplesStored,
    TimeSpan Elapsed);
