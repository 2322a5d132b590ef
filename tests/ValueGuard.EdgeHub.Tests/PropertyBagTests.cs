using ValueGuard.EdgeHub.Topics;

namespace ValueGuard.EdgeHub.Tests;

public sealed class PropertyBagTests
{
    [Fact]
    public void Output_topic_names_the_output_in_dollar_on_and_encodes_per_rfc_3986()
    {
        var topics = new ModuleTopics("gw-01", "valueguard");

        var topic = topics.Events([new("$.on", "alerts"), new("$.ct", "application/json"), new("$.ce", "utf-8"), new("site name", "plant 1")]);

        Assert.Equal("devices/gw-01/modules/valueguard/messages/events/%24.on=alerts&%24.ct=application%2Fjson&%24.ce=utf-8&site%20name=plant%201", topic);
    }

    [Fact]
    public void Key_alone_is_null_and_key_with_equals_is_empty()
    {
        var bag = PropertyBag.Decode("flag&empty=&%24.cdid=gw-01/");

        Assert.Null(bag["flag"]);
        Assert.Equal("", bag["empty"]);
        Assert.Equal("gw-01", bag["$.cdid"]);
    }

    [Fact]
    public void Input_topic_gives_input_name_from_segment_five_and_properties_from_segment_six()
    {
        var topics = new ModuleTopics("gw-01", "valueguard");

        Assert.True(topics.TryParseInput("devices/gw-01/modules/valueguard/inputs/input1/%24.cdid=gw-01&%24.cmid=sender&k=a%2Fb", out var input, out var bag));
        Assert.Equal("input1", input);
        Assert.Equal("sender", bag["$.cmid"]);
        Assert.Equal("a/b", bag["k"]);
        Assert.False(topics.TryParseInput("devices/gw-01/modules/other/inputs/input1/", out _, out _));
    }

    [Fact]
    public void Method_request_and_twin_response_topics_parse_name_status_and_rid()
    {
        Assert.True(ModuleTopics.TryParseMethodRequest("$iothub/methods/POST/getStatus/?$rid=42", out var method, out var rid));
        Assert.Equal(("getStatus", "42"), (method, rid));
        Assert.True(ModuleTopics.TryParseTwinResponse("$iothub/twin/res/204/?$rid=abc&$version=7", out var status, out var twinRid));
        Assert.Equal((204, "abc"), (status, twinRid));
        Assert.Equal("$iothub/methods/res/200/?$rid=42", ModuleTopics.MethodResponse(200, rid));
    }
}
