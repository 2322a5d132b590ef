using CsCheck;
using ValueGuard.Core.Quantities;

namespace ValueGuard.Core.Tests;

public class ThresholdTests
{
    [Theory]
    [InlineData("<= 2h", Comparison.LessOrEqual, 7200, QuantityUnit.Duration)]
    [InlineData(">= 99.95%", Comparison.GreaterOrEqual, 0.9995, QuantityUnit.Percent)]
    [InlineData("< 3", Comparison.LessThan, 3, QuantityUnit.Number)]
    [InlineData("> 1h30m", Comparison.GreaterThan, 5400, QuantityUnit.Duration)]
    [InlineData(">=90d", Comparison.GreaterOrEqual, 7776000, QuantityUnit.Duration)]
    public void Parses_thresholds_as_people_write_them(string text, Comparison comparison, double bound, QuantityUnit unit)
    {
        var t = Threshold.Parse(text);

        Assert.Equal(comparison, t.Comparison);
        Assert.Equal(bound, t.Bound.Value, 9);
        Assert.Equal(unit, t.Bound.Unit);
    }

    [Theory]
    [InlineData("<= 2 hours")]
    [InlineData("2h")]
    [InlineData("== 3")]
    [InlineData(">= ")]
    [InlineData(">= NaN")]
    [InlineData("<= 30m2h")]
    public void Rejects_thresholds_with_a_reason(string text)
    {
        Assert.False(Threshold.TryParse(text, out _, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void Threshold_compares_at_the_boundary()
    {
        Assert.True(Threshold.Parse("<= 2h").IsSatisfiedBy(7200));
        Assert.False(Threshold.Parse("< 2h").IsSatisfiedBy(7200));
        Assert.False(Threshold.Parse(">= 99%").IsSatisfiedBy(double.NaN));
    }

    [Fact]
    public void Duration_format_and_parse_round_trip()
    {
        Gen.Long[0, TimeSpan.FromDays(400).Ticks / TimeSpan.TicksPerSecond].Sample(seconds =>
        {
            var d = TimeSpan.FromSeconds(seconds);
            Assert.Equal(d, DurationSyntax.Parse(DurationSyntax.Format(d)));
        });
    }

    [Fact]
    public void Threshold_text_round_trips_through_its_string_form()
    {
        var gen = Gen.Select(Gen.Enum<Comparison>(), Gen.Int[0, 100_000], Gen.Int[0, 2]);
        gen.Sample((cmp, n, unit) =>
        {
            var bound = unit switch
            {
                0 => Quantity.Number(n),
                1 => Quantity.Percent(n / 1000.0),
                _ => Quantity.Of(TimeSpan.FromSeconds(n)),
            };
            var t = new Threshold(cmp, bound);
            var back = Threshold.Parse(t.ToString());
            Assert.Equal(t.Comparison, back.Comparison);
            Assert.Equal(t.Bound.Unit, back.Bound.Unit);
            Assert.Equal(t.Bound.Value, back.Bound.Value, 9);
        });
    }
}
