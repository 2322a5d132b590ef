using System.Globalization;
using System.Text.RegularExpressions;
using ValueGuard.Configuration.Contracts;
using ValueGuard.Core.Signals;
using ValueGuard.Gateway.Evaluation;
using ValueGuard.Storage.Memory;

namespace ValueGuard.Gateway.Tests.Replay;

/// <summary>
/// A real Apache access log as an API: each request bumps two counters (all requests, 2xx+3xx), as a
/// gateway's metrics endpoint would. The engine's daily success ratio must equal the share counted
/// directly from the log.
/// </summary>
public partial class ApacheLogReplayTests
{
    [GeneratedRegex("""\[(?<ts>[^\]]+)\] "[^"]*" (?<status>\d{3}) """)]
    private static partial Regex Request();

    [Fact]
    public async Task Daily_success_ratio_matches_a_direct_count_of_the_log()
    {
        var requests = File.ReadLines(SharedData.File("elastic-apache-logs", "apache_logs"))
            .Select(l => Request().Match(l)).Where(m => m.Success)
            .Select(m => (At: DateTimeOffset.ParseExact(m.Groups["ts"].Value, "dd/MMM/yyyy:HH:mm:ss zzz", CultureInfo.InvariantCulture), Status: int.Parse(m.Groups["status"].Value, CultureInfo.InvariantCulture)))
            .OrderBy(r => r.At).ToList();
        Assert.True(requests.Count > 9000);

        var total = new SignalId("web", "requests");
        var good = new SignalId("web", "ok");
        var samples = new List<Sample> { new(total, requests[0].At.AddSeconds(-1), 0), new(good, requests[0].At.AddSeconds(-1), 0) };
        long n = 0, ok = 0;
        foreach (var r in requests)
        {
            n++;
            if (r.Status is >= 200 and < 400) ok++;
            samples.Add(new Sample(total, r.At, n));
            samples.Add(new Sample(good, r.At, ok));
        }
        var store = new InMemoryTimeSeriesStore();
        await store.WriteAsync(samples, default);
        var catalog = new SignalCatalog([new SignalSpec(total, SignalKind.Counter, TimeSpan.FromDays(1)), new SignalSpec(good, SignalKind.Counter, TimeSpan.FromDays(1))]);
        var contract = ContractLoader.Load("web.yaml", """
            contract: WEB-2015
            customer: Elastic
            timezone: UTC
            go_live: 2015-05-01T00:00:00Z
            clauses:
              - { id: daily-success, text: Daily success rate, kpi: { kind: ratio, good: web/ok, total: web/requests }, window: { calendar: day }, target: ">= 99%" }
            """, catalog).Value!;
        var calculator = new ClauseCalculator(store, catalog);

        var days = requests.Select(r => r.At.UtcDateTime.Date).Distinct().ToList();
        Assert.True(days.Count >= 3);
        foreach (var day in days)
        {
            var expected = requests.Where(r => r.At.UtcDateTime.Date == day).ToList();
            var share = expected.Count(r => r.Status is >= 200 and < 400) / (double)expected.Count;
            var at = new DateTimeOffset(day.AddDays(1), TimeSpan.Zero);

            var result = (await calculator.CalculateAsync(contract, contract.Clauses[0], at, default)).Result!;

            Assert.Equal(new DateTimeOffset(day, TimeSpan.Zero), result.Window.From);
            Assert.Equal(share, result.Value, 12);
        }
    }
}
