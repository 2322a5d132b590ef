using ValueGuard.Ingest.Mqtt.Topics;

namespace ValueGuard.Ingest.Mqtt.Tests;

public class TopicTemplateTests
{
    [Fact]
    public void Captures_become_single_level_wildcards_and_bound_values_are_fixed()
    {
        var t = new TopicTemplate("plant/{site}/{device}/telemetry", new Dictionary<string, string> { ["site"] = "acme-1" });

        Assert.Equal("plant/acme-1/+/telemetry", t.Filter);
    }

    [Fact]
    public void Matching_a_topic_returns_its_captures()
    {
        var t = new TopicTemplate("plant/{site}/{device}/telemetry");

        var captures = t.Match("plant/acme-1/press-07/telemetry");

        Assert.Equal("acme-1", captures!["site"]);
        Assert.Equal("press-07", captures["device"]);
    }

    [Theory]
    [InlineData("plant/acme-1/press-07/status")]
    [InlineData("plant/acme-1/press-07/telemetry/extra")]
    [InlineData("plant/acme-1//telemetry")]
    [InlineData("plant/acme-2/press-07/telemetry")]
    public void Other_topics_do_not_match(string topic)
    {
        var t = new TopicTemplate("plant/{site}/{device}/telemetry", new Dictionary<string, string> { ["site"] = "acme-1" });

        Assert.Null(t.Match(topic));
    }
}

/// <summary>The allocation-free <see cref="TopicTemplate.TryMatch"/> the router uses agrees with <see cref="TopicTemplate.Match"/>.</summary>
public class TopicTemplateTryMatchTests
{
    private static readonly TopicTemplate Bound = new("plant/{site}/{device}/telemetry", new Dictionary<string, string> { ["site"] = "acme-1" });
    private static readonly TopicTemplate Plain = new("tele/{site}/{device}/{signal}", new Dictionary<string, string> { ["site"] = "acme-1" });

    [Theory]
    [InlineData("plant/acme-1/press-07/telemetry")]
    [InlineData("plant/acme-1/press-07/status")]
    [InlineData("plant/acme-1/press-07/telemetry/extra")]
    [InlineData("plant/acme-1/press-07")]
    [InlineData("plant/acme-1//telemetry")]
    [InlineData("plant/acme-2/press-07/telemetry")]
    [InlineData("plant/acme-1/press-07/telemetry/")]
    [InlineData("/plant/acme-1/press-07/telemetry")]
    [InlineData("")]
    [InlineData("plant")]
    [InlineData("plant/acme-1/a/b/c/d/e/telemetry")]
    public void Agrees_with_Match_on_device(string topic)
    {
        var matched = Bound.TryMatch(topic, out var device, out var signal);

        var captures = Bound.Match(topic);
        Assert.Equal(captures is not null, matched);
        if (matched)
        {
            Assert.Equal(captures!["device"], topic[device]);
            Assert.Equal(default, signal);
        }
    }

    [Fact]
    public void Finds_the_signal_level_of_a_plain_topic()
    {
        Assert.True(Plain.TryMatch("tele/acme-1/lamp-3/power", out var device, out var signal));

        Assert.Equal("lamp-3", "tele/acme-1/lamp-3/power"[device]);
        Assert.Equal("power", "tele/acme-1/lamp-3/power"[signal]);
        Assert.False(Plain.TryMatch("tele/acme-1/lamp-3/", out _, out _));
    }

    [Fact]
    public void A_topic_of_ten_thousand_levels_does_not_match()
    {
        var topic = string.Join('/', Enumerable.Repeat("x", 10_000));

        Assert.False(Bound.TryMatch(topic, out _, out _));
        Assert.True(Bound.HasDevice);
    }
}
