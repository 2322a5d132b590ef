using ValueGuard.Core.Signals;

namespace ValueGuard.Configuration.Profiles;

/// <summary>Where a signal is found in a payload and how to read it: value = raw × scale + offset.</summary>
public sealed record SignalMapping(
    string Name,
    string Field,
    SignalKind Kind,
    string? Unit,
    TimeSpan MaxGap,
    double Scale = 1,
    double Offset = 0);
