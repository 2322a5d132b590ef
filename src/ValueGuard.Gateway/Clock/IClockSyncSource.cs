namespace ValueGuard.Gateway.Clock;

/// <summary>Where the gateway learns whether the system clock is synchronised; the kernel on Linux (<see cref="KernelClockSyncSource"/>), a fake in tests.</summary>
public interface IClockSyncSource
{
    /// <summary>Reads the state now; never throws for a system that cannot tell (that is <see cref="ClockSyncState.Unknown"/>).</summary>
    ClockSynchronisation Read();
}
