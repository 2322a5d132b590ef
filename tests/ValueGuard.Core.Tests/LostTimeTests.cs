using ValueGuard.Core.Evidence;
using ValueGuard.Core.Kpis;
using ValueGuard.Core.Signals;
using ValueGuard.Core.Windows;

namespace ValueGuard.Core.Tests;

/// <summary>Samples accepted and then dropped (spool limits) leave unknown time that no value bridges.</summary>
public class LostTimeTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly SignalId Running = new("press-07", "running");
    private static readonly SignalId Temperature = new("press-07", "temperature");
    private static readonly SignalId Ok = new("mes-gw", "api_ok");
    private static readonly SignalId Total = new("mes-gw", "api_total");
    private static readonly EvaluationWindow Hour = new(T0, T0.AddHours(1));

    private static Sample At(SignalId id, double minutes, double value) => new(id, T0.AddMinutes(minutes), value);

    private static LostTime Lost(SignalId id, double fromMinutes, double toMinutes)
    {
        var lost = new LostTime();
        lost.Add(new DataLossNotice("spool", "full", "drop_oldest", 1, 10, [new SignalLoss(id, 10, T0.AddMinutes(fromMinutes), T0.AddMinutes(toMinutes))]));
        return lost;
    }

    private static EvaluationWindowInputs Inputs(LostTime? lost, TimeSpan maxGap, params Sample[] samples) =>
        new(Hour, samples.GroupBy(s => s.Signal).ToDictionary(g => g.Key, g => (IReadOnlyList<Sample>)g.OrderBy(s => s.Timestamp).ToList()),
            new SignalCatalog(samples.Select(s => s.Signal).Distinct().Select(id => new SignalSpec(id, SignalKind.Bool, maxGap))), null, lost);

    // One sample a minute, except [20, 30) whose samples were dropped; max gap 15m would bridge that hole.
    private static Sample[] RunningWithHole() =>
        [.. Enumerable.Range(0, 60).Where(m => m is < 20 or >= 30).Select(m => At(Running, m, 1))];

    [Fact]
    public void Without_a_loss_record_sample_and_hold_bridges_the_hole()
    {
        var r = new AvailabilityKpi(Running, 1).Compute(Inputs(null, TimeSpan.FromMinutes(15), RunningWithHole()));

        Assert.Equal(1.0, r.Coverage, 9);
    }

    [Fact]
    public void Lost_time_is_unknown_from_the_first_lost_sample_to_the_next_kept_one()
    {
        // The last dropped sample was at minute 29; the next kept one at 30.
        var r = new AvailabilityKpi(Running, 1).Compute(Inputs(Lost(Running, 20, 29), TimeSpan.FromMinutes(15), RunningWithHole()));

        Assert.Equal(50.0 / 60, r.Coverage, 9);
        Assert.Equal(1.0, r.Value, 9);
    }

    [Fact]
    public void A_loss_of_another_signal_does_not_touch_this_one()
    {
        var r = new AvailabilityKpi(Running, 1).Compute(Inputs(Lost(Temperature, 20, 29), TimeSpan.FromMinutes(15), RunningWithHole()));

        Assert.Equal(1.0, r.Coverage, 9);
    }

    [Fact]
    public void A_kept_sample_inside_lost_time_holds_nothing()
    {
        // Minute 25 survived in another batch, but a dropped sample may have followed it.
        var samples = RunningWithHole().Append(At(Running, 25, 0)).OrderBy(s => s.Timestamp).ToArray();

        var r = new DowntimeKpi(Running, 0).Compute(Inputs(Lost(Running, 20, 29), TimeSpan.FromMinutes(15), samples));

        Assert.Equal(0, r.Value);
        Assert.Equal(50.0 / 60, r.Coverage, 9);
    }

    [Fact]
    public void A_counter_pair_spanning_lost_time_counts_neither_increase_nor_time()
    {
        Sample[] samples = [At(Ok, 0, 0), At(Total, 0, 0), At(Ok, 20, 20), At(Total, 20, 20), At(Ok, 40, 30), At(Total, 40, 40), At(Ok, 59, 50), At(Total, 59, 60)];
        var lost = new LostTime();
        lost.Add(new DataLossNotice("spool", "full", "reject_newest", 1, 2, [new SignalLoss(Ok, 1, T0.AddMinutes(30), T0.AddMinutes(30)), new SignalLoss(Total, 1, T0.AddMinutes(30), T0.AddMinutes(30))]));

        var r = new CounterRatioKpi(Ok, Total).Compute(Inputs(lost, TimeSpan.FromMinutes(30), samples));

        // Pairs [0,20) and [40,59) count; [20,40) spans the loss at 30.
        Assert.Equal(40.0 / 40, r.Value, 9);
        Assert.Equal(39.0 / 60, r.Coverage, 9);
    }

    [Fact]
    public void Lost_time_of_a_device_is_neither_online_nor_offline()
    {
        var samples = Enumerable.Range(0, 60).Where(m => m is < 20 or >= 30).Select(m => At(Running, m, 1)).ToArray();
        var kpi = new OnlineKpi(["press-07"], TimeSpan.FromMinutes(2));

        var without = kpi.Compute(Inputs(null, TimeSpan.FromMinutes(2), samples));
        var with = kpi.Compute(Inputs(Lost(Running, 20, 29), TimeSpan.FromMinutes(2), samples));

        Assert.Equal(1.0, without.Coverage, 9);
        Assert.True(without.Value < 1, "without the loss record the hole reads as offline");
        // Unknown: from the first lost sample (20) to the last (29) plus the heartbeat timeout it would have given.
        Assert.Equal(49.0 / 60, with.Coverage, 6);
        Assert.Equal(1.0, with.Value, 6);
    }

    [Fact]
    public void Per_event_flags_lose_coverage_for_lost_time()
    {
        Sample[] events = [At(Ok, 5, 1), At(Ok, 50, 1)];

        var r = new FlagRatioKpi(Ok).Compute(Inputs(Lost(Ok, 10, 40), TimeSpan.FromMinutes(5), events));

        Assert.Equal(1.0, r.Value, 9);
        Assert.Equal(0.5, r.Coverage, 6);
    }
}
