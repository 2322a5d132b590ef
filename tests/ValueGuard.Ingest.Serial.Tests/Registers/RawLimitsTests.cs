using ValueGuard.Configuration.Profiles;
using ValueGuard.Ingest.Serial.Registers;

namespace ValueGuard.Ingest.Serial.Tests.Registers;

/// <summary>Register limits as a 4–20 mA loop in µA needs them (NAMUR NE 43: failed at ≤ 3.6 mA and ≥ 21 mA).</summary>
public sealed class RawLimitsTests
{
    private static readonly RegisterPoint Fault = new("loop_fault", ModbusTable.Input, 0) { Flag = new RawLimits(3600, 21000) };
    private static readonly RegisterPoint Value = new("value", ModbusTable.Input, 0) { Scale = 0.00625, Offset = -25, Valid = new RawLimits(3600, 21000) };

    [Theory]
    [InlineData(0, 1)]
    [InlineData(3600, 1)]
    [InlineData(3601, 0)]
    [InlineData(12000, 0)]
    [InlineData(20999, 0)]
    [InlineData(21000, 1)]
    [InlineData(65535, 1)]
    public void A_flag_is_raised_at_or_beyond_its_limits(ushort microamps, double flag) =>
        Assert.Equal(flag, Fault.Decode([microamps]));

    [Theory]
    [InlineData(4000, 0)]
    [InlineData(12000, 50)]
    [InlineData(20000, 100)]
    [InlineData(3700, -1.875)]
    public void A_value_inside_its_valid_limits_is_scaled(ushort microamps, double percent)
    {
        Assert.True(Value.TryDecode([microamps], out var value));
        Assert.Equal(percent, value, 9);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3600)]
    [InlineData(21000)]
    public void A_value_at_or_beyond_its_valid_limits_is_refused(ushort microamps) =>
        Assert.False(Value.TryDecode([microamps], out _));
}
