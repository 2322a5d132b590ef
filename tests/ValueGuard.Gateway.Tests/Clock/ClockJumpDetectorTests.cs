using ValueGuard.Gateway.Clock;
using ValueGuard.Testing;

namespace ValueGuard.Gateway.Tests.Clock;

/// <summary>The wall clock is a manual clock; the monotonic clock is a number the test advances.</summary>
public class ClockJumpDetectorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private readonly ManualClock wall = new(T0);
    private TimeSpan monotonic = TimeSpan.FromHours(5);
    private readonly ClockJumpDetector detector;

    public ClockJumpDetectorTests() => detector = new ClockJumpDetector(wall, () => monotonic, TimeSpan.FromMinutes(1));

    private void Pass(TimeSpan elapsed, TimeSpan wallMovesBy)
    {
        monotonic += elapsed;
        wall.Advance(wallMovesBy);
    }

    [Fact]
    public void Clocks_moving_together_are_no_jump_and_the_first_check_only_starts()
    {
        Assert.Null(detector.Check());
        for (var i = 0; i < 5; i++)
        {
            Pass(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
            Assert.Null(detector.Check());
        }
    }

    [Fact]
    public void A_forwards_jump_beyond_the_threshold_is_reported_with_from_to_and_delta()
    {
        detector.Check();
        Pass(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1) + TimeSpan.FromHours(2));

        var jump = detector.Check();

        Assert.Equal(new ClockJump(T0.AddMinutes(1), T0.AddMinutes(1).AddHours(2), TimeSpan.FromHours(2)), jump);
        Assert.False(jump!.IsBackwards);
    }

    [Fact]
    public void A_backwards_jump_beyond_the_threshold_is_reported_with_a_negative_delta()
    {
        detector.Check();
        Pass(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1) - TimeSpan.FromMinutes(10));

        var jump = detector.Check();

        Assert.Equal(new ClockJump(T0.AddMinutes(1), T0.AddMinutes(-9), TimeSpan.FromMinutes(-10)), jump);
        Assert.True(jump!.IsBackwards);
    }

    [Fact]
    public void Drift_within_the_threshold_is_no_jump_and_a_jump_is_reported_once()
    {
        detector.Check();
        Pass(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(59));
        Assert.Null(detector.Check());

        Pass(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1) - TimeSpan.FromMinutes(2));
        Assert.NotNull(detector.Check());
        Pass(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        Assert.Null(detector.Check());
    }
}
