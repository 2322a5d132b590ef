using Microsoft.Extensions.Logging.Abstractions;
using ValueGuard.Core.Commitments;
using ValueGuard.Core.Signals;
using ValueGuard.Gateway.Hosting;
using ValueGuard.Testing;

namespace ValueGuard.Gateway.Tests;

public class FlappingTests
{
    private static readonly DateTimeOffset GoLive = EditableSite.GoLive;
    private static readonly SignalId Temperature = new("press-07", "temperature");

    private const string Hot = """
          - id: oil-temperature
            text: Press oil temperature stays at most 100 degC (warn above 80)
            kpi: { kind: aggregate, signal: press-07/temperature, function: max }
            window: { rolling: 5m }
            target: "<= 100"
            warn: "> 80"
            flapping: { changes: 3, within: 30m }
        """;

    [Fact]
    public async Task A_flapping_clause_is_recorded_once_held_at_risk_and_released_when_stable()
    {
        using var dir = new TempDirectory();
        var site = new EditableSite(dir, Hot);
        using var runtime = new GatewayRuntime(site.Load(), new ManualClock(GoLive), NullLoggerFactory.Instance);
        // 90 degC and 50 degC in turns of 10 minutes for 2 h, then 50 degC for 2 h.
        await runtime.Store.WriteAsync([.. Enumerable.Range(0, 240).Select(m => new Sample(Temperature, GoLive.AddMinutes(m), m < 120 && m / 10 % 2 == 0 ? 90 : 50))], default);

        var states = new List<(int Minute, CommitmentState State)>();
        for (var m = 1; m <= 240; m++)
        {
            var status = (await runtime.Evaluator.EvaluateAsync(GoLive.AddMinutes(m), default)).Single();
            if (states.Count == 0 || states[^1].State != status.Snapshot.State) states.Add((m, status.Snapshot.State));
        }

        var lines = await File.ReadAllLinesAsync(runtime.Paths.Ledger);
        var flapping = lines.Where(l => l.Contains("\"kind\":\"flapping\"", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, flapping.Count);
        Assert.Contains("\"flapping\":true,\"held_in\":\"AtRisk\"", flapping[0]);
        Assert.Contains("\"flapping\":false", flapping[1]);
        // The 5-minute maximum stays above 80 for 15 of every 20 minutes. The fourth move within 30 min (at 41) starts
        // flapping; AtRisk then holds through the remaining turns until the last hot reading (at 109) has been out of the
        // window (from 115) for 30 minutes.
        Assert.Equal([(1, CommitmentState.AtRisk), (15, CommitmentState.Compliant), (21, CommitmentState.AtRisk), (35, CommitmentState.Compliant),
            (41, CommitmentState.AtRisk), (145, CommitmentState.Compliant)], states);
    }
}
