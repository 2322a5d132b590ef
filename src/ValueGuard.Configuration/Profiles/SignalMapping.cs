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
    double Offset = 0)
{
    /// <summary>
    /// ASCII devices, JSON and plain MQTT payloads: fixed texts a field may hold and the number each stands for (a
    /// balance's <c>S</c>table → 1, <c>D</c>ynamic → 0; a relay's <c>ON</c> → 1); null when the field holds a number.
    /// </summary>
    public IReadOnlyDictionary<string, double>? Values { get; init; }
}
