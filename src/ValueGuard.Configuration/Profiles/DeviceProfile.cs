namespace ValueGuard.Configuration.Profiles;

/// <summary>
/// How one kind of device delivers its telemetry and which signals it carries. Exactly one transport mapping is
/// set: <see cref="Mqtt"/> for <c>transport: mqtt</c>, <see cref="Modbus"/> for <c>transport: modbus-rtu</c>
/// (whose registers are also listed as <see cref="Signals"/>), <see cref="Ascii"/> for <c>transport: ascii-line</c>.
/// </summary>
public sealed record DeviceProfile(
    string Name,
    string? Description,
    string? Source,
    MqttMapping? Mqtt,
    IReadOnlyDictionary<string, SignalMapping> Signals,
    ModbusMapping? Modbus = null)
{
    public AsciiMapping? Ascii { get; init; }

    /// <summary>Whether devices of this profile hang on one of the site's serial ports.</summary>
    public bool IsSerial => Modbus is not null || Ascii is not null;
}
