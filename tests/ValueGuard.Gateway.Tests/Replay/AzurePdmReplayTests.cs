using System.Globalization;
using ValueGuard.Configuration.Contracts;
using ValueGuard.Core.Signals;
using ValueGuard.Gateway.Evaluation;
using ValueGuard.Storage.Memory;

namespace ValueGuard.Gateway.Tests.Replay;

/// <summary>
/// Microsoft's predictive-maintenance logs as a plant: every failure and maintenance entry stops its
/// machine for 8 h (overlapping stops merge). The engine's 2015 availability per machine must equal a
/// figure computed independently from the CSV by merging intervals.
/// </summary>
public class AzurePdmReplayTests
{
    private static readonly DateTimeOffset Year = new(2015, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Stop = TimeSpan.FromHours(8);

    private static IEnumerable<(int Machine, DateTimeOffset At)> Stops()
    {
        foreach (var file in new[] { "PdM_failures.csv", "PdM_maint.csv" })
        {
            foreach (var line in File.ReadLines(SharedData.File("azure-pdm", file)).Skip(1))
            {
                var f = line.Split(',');
                var at = DateTimeOffset.ParseExact(f[0].Trim('"'), "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
                yield return (int.Parse(f[1], CultureInfo.InvariantCulture), at);
            }
        }
    }

    /// <summary>The independent figure: merge [t, t+8h) intervals, clip to 2015, sum.</summary>
    private static double IndependentAvailability(IEnumerable<DateTimeOffset> starts)
    {
        var down = TimeSpan.Zero;
        var end = Year;
        foreach (var s in starts.Order())
        {
            var from = s < end ? end : s;
            var to = s + Stop;
            if (from < Year) from = Year;
            if (to > Year.AddYears(1)) to = Year.AddYears(1);
            if (to > from) down += to - from;
            if (s + Stop > end) end = s + Stop;
        }
        return 1 - down / (Year.AddYears(1) - Year);
    }

    [Fact]
    public async Task Engine_availability_per_machine_matches_an_independent_computation()
    {
        var stops = Stops().ToLookup(s => s.Machine, s => s.At);
        var machines = Enumerable.Range(1, 100).ToList();
        // The engine sees an hourly running signal, as a PLC would publish it: no intervals, just states.
        var store = new InMemoryTimeSeriesStore();
        foreach (var m in machines)
        {
            var intervals = stops[m].Select(s => (From: s, To: s + Stop)).ToList();
            var samples = new List<Sample>(8760);
            for (var t = Year; t < Year.AddYears(1); t = t.AddHours(1))
                samples.Add(new Sample(new SignalId($"machine-{m}", "running"), t, intervals.Any(i => i.From <= t && t < i.To) ? 0 : 1));
            await store.WriteAsync(samples, default);
        }
        var catalog = new SignalCatalog(machines.Select(m => new SignalSpec(new SignalId($"machine-{m}", "running"), SignalKind.Bool, TimeSpan.FromHours(1))));
        var yaml = "contract: PDM-2015\ncustomer: Contoso\ntimezone: UTC\ngo_live: 2015-01-01T00:00:00Z\nclauses:\n" + string.Concat(machines.Select(m =>
            $"  - {{ id: m{m}, text: Machine {m} available 97 % in 2015, kpi: {{ kind: availability, signal: machine-{m}/running }}, window: {{ period: {{ from: go_live, length: 365d }} }}, target: \">= 97%\" }}\n"));
        var contract = ContractLoader.Load("pdm.yaml", yaml, catalog);
        Assert.Empty(contract.Errors);
        var calculator = new ClauseCalculator(store, catalog);

        foreach (var (clause, m) in contract.Value!.Clauses.Zip(machines))
        {
            var result = (await calculator.CalculateAsync(contract.Value, clause, Year.AddYears(1), default)).Result!;
            Assert.Equal(IndependentAvailability(stops[m]), result.Value, 9);
            Assert.Equal(1.0, result.Coverage, 9);
        }
    }
}
