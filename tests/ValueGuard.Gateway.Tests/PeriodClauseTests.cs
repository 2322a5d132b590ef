using Microsoft.Extensions.Logging.Abstractions;
using ValueGuard.Core.Commitments;
using ValueGuard.Core.Escalation;
using ValueGuard.Core.Signals;
using ValueGuard.Gateway.Hosting;
using ValueGuard.Testing;

namespace ValueGuard.Gateway.Tests;

public class PeriodClauseTests
{
    private static readonly DateTimeOffset GoLive = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly SignalId Running = new("press-07", "running");

    [Fact]
    public async Task A_period_clause_missed_early_stays_breached_when_its_value_recovers_and_closes_missed()
    {
        using var dir = new TempDirectory();
        using var runtime = new GatewayRuntime(ExampleSite.In(dir), new ManualClock(GoLive), NullLoggerFactory.Instance);
        // Down from hour 20 to 30 of the 30-day period: 10 h of 720, so availability ends at 98.6 % (>= 98 %).
        await runtime.Store.WriteAsync([.. Enumerable.Range(0, 31 * 24 * 12).Select(i => new Sample(Running, GoLive.AddMinutes(5 * i), i is >= 20 * 12 and < 30 * 12 ? 0 : 1))], default);

        var states = new List<CommitmentState>();
        for (var at = GoLive.AddHours(12); at <= GoLive.AddDays(30).AddHours(12); at = at.AddHours(12))
        {
            var press = (await runtime.Evaluator.EvaluateAsync(at, default)).Single(s => s.Clause.Id.Value == "press-availability");
            if (states.Count == 0 || states[^1] != press.Snapshot.State) states.Add(press.Snapshot.State);
        }

        var final = runtime.Evaluator.Statuses.Single(s => s.Clause.Id.Value == "press-availability");
        Assert.True(final.Clause.Target.IsSatisfiedBy(final.Result!.Value)); // the value recovered ...
        Assert.Equal([CommitmentState.Compliant, CommitmentState.Breached, CommitmentState.Escalated, CommitmentState.ClosedMissed], states); // ... the period did not
        var actions = (await runtime.Outbox.AllAsync(default)).Select(e => e.Action.Kind).ToList();
        Assert.DoesNotContain(EscalationActionKind.Resolve, actions);
        Assert.Contains(EscalationActionKind.Close, actions);
    }
}
