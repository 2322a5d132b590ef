using ValueGuard.Configuration.Contracts;
using ValueGuard.Core.Exclusions;
using ValueGuard.Core.Kpis;
using ValueGuard.Core.Signals;
using ValueGuard.Core.Windows;

namespace ValueGuard.Configuration.Tests;

public class ContractLanguageTests
{
    private static readonly SignalCatalog Catalog = new(
        new[] { "running", "temperature", "parts", "good" }.Select(s => new SignalSpec(new SignalId("press-07", s), SignalKind.Float, TimeSpan.FromMinutes(5)))
            .Concat(new[] { "api_ok", "api_total", "call_ok" }.Select(s => new SignalSpec(new SignalId("mes-gw", s), SignalKind.Float, TimeSpan.FromMinutes(5)))));

    private const string Header = """
        contract: C-1
        customer: ACME
        timezone: Europe/Berlin
        go_live: 2026-03-01T08:00:00+01:00
        calendars:
          planned-maintenance:
            - { every: sunday, from: "02:00", to: "04:00" }
            - { from: 2026-03-15T02:00:00+01:00, to: 2026-03-15T06:00:00+01:00 }
        clauses:

        """;

    [Fact]
    public void Every_kpi_and_window_kind_loads()
    {
        const string clauses = """
              - { id: a, text: t, kpi: { kind: availability, signal: press-07/running, exclude: [planned-maintenance] }, window: { calendar: month }, target: ">= 95%" }
              - { id: b, text: t, kpi: { kind: downtime, signal: press-07/running, down_when: false }, window: { period: { from: go_live, length: 90d } }, target: "<= 2h", warn: "> 1h30m" }
              - { id: c, text: t, kpi: { kind: ratio, good: mes-gw/api_ok, total: mes-gw/api_total }, window: { rolling: 30d }, target: ">= 99.95%", min_coverage: 80% }
              - { id: d, text: t, kpi: { kind: ratio, success: mes-gw/call_ok }, window: { calendar: day }, target: ">= 99%" }
              - { id: e, text: t, kpi: { kind: aggregate, signal: press-07/temperature, function: p95 }, window: { calendar: week }, target: "< 80" }
              - { id: f, text: t, kpi: { kind: online, devices: [press-07, mes-gw], heartbeat_timeout: 60s }, window: { rolling: 7d, starts: first_signal + 72h }, target: ">= 95%" }
              - { id: g, text: t, kpi: { kind: mtbf, signal: press-07/running }, window: { calendar: quarter }, target: ">= 100h" }
              - { id: h, text: t, kpi: { kind: oee, running: press-07/running, ideal_cycle: 2s, total: press-07/parts, good: press-07/good }, window: { period: { from: "first_signal + 1d", to: 2026-12-31T00:00:00+01:00 } }, target: ">= 65%" }
            """;

        var result = ContractLoader.Load("c.yaml", Header + clauses, Catalog);

        Assert.Empty(result.Errors);
        var c = result.Value!;
        Assert.Equal(2, c.Calendars["planned-maintenance"].Rules.Count);
        Assert.IsType<WeeklyExclusion>(c.Calendars["planned-maintenance"].Rules[0]);
        Assert.Equal(["planned-maintenance"], c.Clauses[0].Exclude);
        Assert.Equal(new CalendarWindow(CalendarUnit.Month), c.Clauses[0].Window);
        Assert.IsType<FlagRatioKpi>(c.Clauses[3].Kpi);
        Assert.Equal(new AggregateKpi(new SignalId("press-07", "temperature"), AggregateFunction.P95), c.Clauses[4].Kpi);
        Assert.Equal(WindowAnchor.FirstSignal, c.Clauses[5].Window.StartRule.Anchor);
        Assert.Equal(TimeSpan.FromHours(72), c.Clauses[5].Window.StartRule.Offset);
        Assert.Equal(FailureMeasure.Mtbf, ((FailureKpi)c.Clauses[6].Kpi).Measure);
        Assert.Equal(new DateTimeOffset(2026, 12, 30, 23, 0, 0, TimeSpan.Zero), ((PeriodWindow)c.Clauses[7].Window).End);
    }

    [Theory]
    [InlineData("""  - { id: a, text: t, kpi: { kind: availability, signal: press-07/running, exclude: [planned-maintenanse] }, window: { rolling: 1d }, target: ">= 95%" }""", "did you mean 'planned-maintenance'?")]
    [InlineData("""  - { id: a, text: t, kpi: { kind: aggregate, signal: press-07/temperature, function: avg, exclude: [planned-maintenance] }, window: { rolling: 1d }, target: "< 3" }""", "exclusions apply to")]
    [InlineData("""  - { id: a, text: t, kpi: { kind: aggregate, signal: press-07/temperature, function: mean }, window: { rolling: 1d }, target: "< 3" }""", "use avg")]
    [InlineData("""  - { id: a, text: t, kpi: { kind: availability, signal: press-07/running }, window: { calendar: mnoth }, target: ">= 95%" }""", "did you mean 'month'?")]
    [InlineData("""  - { id: a, text: t, kpi: { kind: availability, signal: press-07/running }, window: { rolling: 1d, starts: first_power_on }, target: ">= 95%" }""", "first_signal")]
    [InlineData("""  - { id: a, text: t, kpi: { kind: online, devices: [press-99], heartbeat_timeout: 60s }, window: { rolling: 1d }, target: ">= 95%" }""", "devices:")]
    [InlineData("""  - { id: a, text: t, kpi: { kind: oee, running: press-07/running, total: press-07/parts, good: press-07/good }, window: { rolling: 1d }, target: ">= 65%" }""", "ideal_cycle")]
    [InlineData("""  - { id: a, text: t, kpi: { kind: avaliability, signal: press-07/running }, window: { rolling: 1d }, target: ">= 95%" }""", "did you mean 'availability'?")]
    public void Mistakes_are_reported_with_a_hint(string clause, string hintPart)
    {
        var result = ContractLoader.Load("c.yaml", Header + clause + "\n", Catalog);

        var error = Assert.Single(result.Errors);
        Assert.Contains(hintPart, error.Message + " " + error.Hint);
        Assert.Equal(10, error.Line);
    }

    [Fact]
    public void Exclusion_calendar_entries_are_checked()
    {
        const string text = """
            contract: C-1
            customer: ACME
            timezone: Europe/Berlin
            go_live: 2026-03-01T08:00:00+01:00
            calendars:
              planned-maintenance:
                - { every: sundy, from: "02:00", to: "04:00" }
                - { every: monday, from: "2am", to: "04:00" }
            clauses: []
            """;

        var result = ContractLoader.Load("c.yaml", text, Catalog);

        Assert.Equal([7, 8], result.Errors.Select(e => e.Line));
        Assert.Contains("'sunday'", result.Errors[0].Hint);
    }
}
