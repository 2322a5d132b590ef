using ValueGuard.Core.Escalation;

namespace ValueGuard.Escalation.Sinks;

/// <summary>
/// What a chat sink (Slack, Teams, DingTalk) says about one escalation action: a one-line title and the
/// ticket's facts in a fixed order. Each sink renders these in its vendor's format.
/// </summary>
internal sealed record ChatMessage(string Title, IReadOnlyList<(string Label, string Value)> Facts, string EvidenceHash, string IdempotencyKey)
{
    public static ChatMessage For(EscalationAction action)
    {
        var c = action.Content;
        var what = action.Kind switch
        {
            EscalationActionKind.Open => "breach opened",
            EscalationActionKind.Escalate => $"escalated to level {action.Level}",
            EscalationActionKind.Remind => $"still unacknowledged (reminder {action.Reminder}, level {action.Level})",
            EscalationActionKind.Resolve => "recovered",
            EscalationActionKind.Close => "period closed",
            EscalationActionKind.AtRisk => "at risk of breach",
            EscalationActionKind.Acknowledge => Acknowledged(action),
            _ => action.Kind.ToString(),
        };
        var facts = new List<(string, string)>
        {
            ("Customer", c.Customer),
            ("Clause", c.ClauseText),
            ("Target", c.Target),
            ("Actual", c.Actual),
            ("Coverage", c.Coverage),
            ("Window", c.Window),
            ("Priority", c.Priority),
        };
        if (c.Assignee is not null) facts.Add(("Assignee", c.Assignee));
        if (c.Watchers.Count > 0) facts.Add(("Watchers", string.Join(", ", c.Watchers)));
        if (c.Forecast is not null) facts.Add(("Forecast", c.Forecast));
        if (c.ReportUrl is not null) facts.Add(("Report", c.ReportUrl));
        return new ChatMessage($"[{c.State}] {c.ContractId}/{c.ClauseId}: {what}", facts, c.EvidenceHash, action.IdempotencyKey);
    }

    /// <summary>"acknowledged by ACTOR", or "acknowledged" when the actor is unknown.</summary>
    public static string Acknowledged(EscalationAction action) =>
        string.IsNullOrWhiteSpace(action.Actor) ? "acknowledged" : $"acknowledged by {action.Actor}";
}
