namespace ValueGuard.Configuration.Profiles;

/// <summary>
/// Limits on a register's raw value (before scale and offset), each optional and inclusive: a raw value reaches them
/// when it is at most <see cref="AtMost"/> or at least <see cref="AtLeast"/>. NAMUR NE 43, for example, calls a
/// 4–20 mA loop failed at ≤ 3.6 mA and ≥ 21 mA.
/// </summary>
public sealed record RawLimits(double? AtMost, double? AtLeast)
{
    public bool Reached(double raw) => raw <= AtMost || raw >= AtLeast;
}
