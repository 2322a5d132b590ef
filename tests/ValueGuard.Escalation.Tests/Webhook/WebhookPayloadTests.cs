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

    [GeneratedRegex("```json\\n(.*?)\\n```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();
}
