namespace ValueGuard.Configuration.Profiles;

/// <summary>How one kind of device publishes its telemetry and which signals it carries.</summary>
public sealed record DeviceProfile(
    string Name,
    string? Description,
    string? Source,
    MqttMapping Mqtt,
    IReadOnlyDictionary<string, SignalMapping> Signals);
