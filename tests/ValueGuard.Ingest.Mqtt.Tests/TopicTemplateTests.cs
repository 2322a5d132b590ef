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
