namespace ValueGuard.Reporting.Model;

/// <summary>Who and what a report is about: the contract, the period <c>[From, To)</c>, and the evidence behind it.</summary>
public sealed record ReportHeader(
    string Customer,
    string ContractId,
    string ContractSha256,
    string Gateway,
    string TimeZone,
    DateTimeOffset PeriodFrom,
    DateTimeOffset PeriodTo,
    DateTimeOffset GeneratedAt,
    string LedgerHead,
    long LedgerRecords,
    bool LedgerIntact);
