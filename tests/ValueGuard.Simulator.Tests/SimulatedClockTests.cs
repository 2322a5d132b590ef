using ValueGuard.Simulator.Clock;

namespace ValueGuard.Simulator.Tests;

public class SimulatedClockTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Time_moves_only_when_advanced()
    {
        var clock = new SimulatedClock(T0);

        clock.AdvanceTo(T0.AddDays(3));

        Assert.Equal(T0.AddDays(3), clock.GetUtcNow());
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.AdvanceTo(T0));
    }

    [Fact]
    public void A_periodic_timer_fires_as_time_passes_its_due_instants()
    {
        var clock = new SimulatedClock(T0);
        var fired = 0;
        using var timer = clock.CreateTimer(_ => fired++, null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));

        clock.AdvanceTo(T0.AddSeconds(59));
        Assert.Equal(0, fired);
        clock.AdvanceTo(T0.AddMinutes(1));
        Assert.Equal(1, fired);
        clock.AdvanceTo(T0.AddMinutes(2));
        Assert.Equal(2, fired);
    }
}
