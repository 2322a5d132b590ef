using CsCheck;
using ValueGuard.Core.Quantities;

namespace ValueGuard.FaultTests.HostileInput;

/// <summary>Thresholds, durations and quantities as contracts write them: any text is parsed or refused, never thrown on.</summary>
public sealed class ExpressionFuzzTests
{
    private static readonly Gen<string> ExpressionLike =
        Gen.OneOf("<", "<=", ">", ">=", "=", " ", "%", ".", "-", "+", "e", "E", "d", "h", "m", "s", "ms", "0", "1", "9", "99999999999999999999",
                "NaN", "Infinity", "∞", "٣", "１", "\0", "1e308", "1e-320", "0x10", ",")
            .Array[0, 12].Select(parts => string.Concat(parts));

    private static readonly Gen<string> AnyText = Gen.OneOf(ExpressionLike, Gen.String[0, 64]);

    [Fact]
    public void Any_text_is_a_threshold_or_a_reason()
    {
        var parsed = 0;
        AnyText.Sample(text =>
        {
            if (Threshold.TryParse(text, out var threshold, out var error))
            {
                parsed++;
                Assert.False(double.IsNaN(threshold.Bound.Value), $"'{text}' parsed to a NaN bound");
                Assert.True(Threshold.TryParse(threshold.ToString(), out var again, out _), $"'{threshold}' (from '{text}') does not parse back");
                Assert.Equal(threshold.Comparison, again.Comparison);
            }
            else
            {
                Assert.False(string.IsNullOrWhiteSpace(error));
            }
        }, iter: 20_000);
        Assert.True(parsed > 0, "no generated text was a threshold, so the round trip was never checked");
    }

    [Fact]
    public void Any_text_is_a_duration_or_refused()
    {
        var parsed = 0;
        AnyText.Sample(text =>
        {
            if (!DurationSyntax.TryParse(text, out var duration)) return;
            parsed++;
            Assert.True(duration >= TimeSpan.Zero, $"'{text}' is a negative duration");
        }, iter: 20_000);
        Assert.True(parsed > 0);
    }

    [Theory]
    [InlineData("99999999999999999999d")]
    [InlineData("10675200d1d")]
    [InlineData("1e308h")]
    [InlineData("9223372036854775807ms")]
    [InlineData("1.7976931348623157E+308s")]
    public void Durations_too_long_for_a_clock_are_refused_not_thrown(string text)
    {
        Assert.False(DurationSyntax.TryParse(text, out _));
        Assert.False(Threshold.TryParse("<= " + text, out _, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("1e999")]
    [InlineData("1e999%")]
    public void Values_that_are_not_finite_numbers_are_refused(string text)
    {
        Assert.False(Quantity.TryParse(text, out _));
        Assert.False(Threshold.TryParse(">= " + text, out _, out _));
    }
}
