using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ValueGuard.Core.Escalation;
using ValueGuard.Escalation.Sinks.Webhook;
using ValueGuard.Testing;

namespace ValueGuard.Escalation.Tests.Webhook;

public partial class WebhookPayloadTests
{
    [Fact]
    public void The_body_is_the_example_in_docs_webhook_md()
    {
        var docs = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "webhook.md"));
        var example = JsonBlock().Match(docs);
        Assert.True(example.Success, "docs/webhook.md has no ```json block");

        var body = JsonNode.Parse(WebhookPayload.Serialize(Actions.Of(EscalationActionKind.Escalate, level: 1)));

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(example.Groups[1].Value), body), $"docs/webhook.md differs from the body sent:\n{body}");
    }

    [Fact]
    public void A_ticket_without_assignee_sends_null()
    {
        var action = Actions.Of(EscalationActionKind.Open);
        action = action with { Content = action.Content with { Assignee = null } };

        var body = JsonNode.Parse(WebhookPayload.Serialize(action))!;

        Assert.Equal(System.Text.Json.JsonValueKind.Null, body["ticket"]!.AsObject()["assignee"]?.GetValueKind() ?? System.Text.Json.JsonValueKind.Null);
        Assert.True(body["ticket"]!.AsObject().ContainsKey("assignee"));
    }

    [Theory]
    [InlineData("li.wei", "li.wei")]
    [InlineData(null, null)]
    public void An_acknowledgement_is_kind_acknowledge_and_names_who(string? actor, string? expected)
    {
        var action = Actions.Of(EscalationActionKind.Acknowledge, level: 1) with { Actor = actor };

        var body = JsonNode.Parse(WebhookPayload.Serialize(action))!.AsObject();

        Assert.Equal("acknowledge", body["kind"]!.GetValue<string>());
        Assert.Equal("ACME-2026-017/press-availability/1#acknowledge-1", body["idempotency_key"]!.GetValue<string>());
        Assert.True(body.ContainsKey("acknowledged_by"));
        Assert.Equal(expected, body["acknowledged_by"]?.GetValue<string>());
        Assert.False(JsonNode.Parse(WebhookPayload.Serialize(Actions.Of(EscalationActionKind.Escalate, level: 1)))!.AsObject().ContainsKey("acknowledged_by"));
    }

    [GeneratedRegex("```json\\n(.*?)\\n```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();
}
