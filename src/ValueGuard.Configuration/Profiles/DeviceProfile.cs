namespace ValueGuard.Configuration.Profiles;

/// <summary>
/// How one kind of device delivers its telemetry and which signals it carries. Exactly one transport mapping is
/// set: <see cref="Mqtt"/> for <c>transport: mqtt</c>, <see cref="Modbus"/> for <c>transport: modbus-rtu</c>
/// (whose registers are also listed as <see cref="Signals"/>).
/// </summary>
public sealed record DeviceProfile(
    string Name,
    string? Description,
    string? Source,
    MqttMapping? Mqtt,
    IReadOnlyDictionary<string, SignalMapping> Signals,
    ModbusMapping? Modbus = null);
