using System.Diagnostics;

namespace ValueGuard.Gateway.Clock;

/// <summary>
/// Notices a sudden jump of the gateway's wall clock (an NTP step, a hand-set clock, a wrong RTC after boot):
/// between two <see cref="Check"/> calls the wall clock (<see cref="TimeProvider"/>) should advance as much as a
/// monotonic clock does; when the two differ by more than <see cref="Threshold"/>, forwards or backwards, that is a jump.
/// </summary>
public sealed class ClockJumpDetector
{
    /// <summary>Default threshold: 1 minute, above NTP's slewing and a loaded machine's scheduling delays.</summary>
    public static readonly TimeSpan DefaultThreshold = TimeSpan.FromMinutes(1);

    private readonly TimeProvider wallClock;
    private readonly Func<TimeSpan> monotonicElapsed;
    private (DateTimeOffset Wall, TimeSpan Monotonic)? previous;

    /// <param name="wallClock">The clock whose jumps are noticed.</param>
    /// <param name="monotonicElapsed">Time elapsed on a clock that never jumps (a <see cref="Stopwatch"/>), from any fixed start.</param>
    /// <param name="threshold">The smallest difference reported as a jump.</param>
    public ClockJumpDetector(TimeProvider wallClock, Func<TimeSpan> monotonicElapsed, TimeSpan threshold)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(threshold, TimeSpan.Zero);
        this.wallClock = wallClock;
        this.monotonicElapsed = monotonicElapsed;
        Threshold = threshold;
    }

    /// <summary>A detector on <paramref name="wallClock"/> with a <see cref="Stopwatch"/> as the monotonic clock.</summary>
    public static ClockJumpDetector WithStopwatch(TimeProvider wallClock, TimeSpan? threshold = null)
    {
        var watch = Stopwatch.StartNew();
        return new ClockJumpDetector(wallClock, () => watch.Elapsed, threshold ?? DefaultThreshold);
    }

    public TimeSpan Threshold { get; }

    /// <summary>Reads both clocks; the jump since the previous check, or null (also on the first check).</summary>
    public ClockJump? Check()
    {
        var wall = wallClock.GetUtcNow();
        var monotonic = monotonicElapsed();
        var last = previous;
        previous = (wall, monotonic);
        if (last is not { } p) return null;
        var expected = p.Wall + (monotonic - p.Monotonic);
        var delta = wall - expected;
        return delta.Duration() > Threshold ? new ClockJump(expected, wall, delta) : null;
    }
}
