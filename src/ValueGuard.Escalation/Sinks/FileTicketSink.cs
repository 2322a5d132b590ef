using System.Globalization;
using System.Text;
using ValueGuard.Core.Escalation;
using ValueGuard.Storage;

namespace ValueGuard.Escalation.Sinks;

/// <summary>
/// Writes one Markdown file per breach episode into a folder: opened on the breach, a section per
/// escalation, and its status line changed on resolve or close. Each action leaves a marker with its
/// idempotency key, so delivering it again changes nothing.
/// </summary>
public sealed class FileTicketSink : ITicketSink
{
    private readonly string directory;

    public FileTicketSink(string name, string directory)
    {
        Name = name;
        this.directory = directory;
    }

    public string Name { get; }

    public async Task<string> DeliverAsync(EscalationAction action, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var fileName = action.Episode.ToSlug() + ".md";
        var path = Path.Combine(directory, fileName);
        var marker = $"<!-- action: {action.IdempotencyKey} -->";
        var text = File.Exists(path) ? await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false) : Header(action);
        if (text.Contains(marker, StringComparison.Ordinal)) return fileName;

        text = SetStatus(text, action.Kind switch
        {
            EscalationActionKind.Resolve => "resolved",
            EscalationActionKind.Close => "closed",
            _ => "open",
        }, action.Content.Priority);
        text += Section(action, marker);

        var temp = path + ".tmp";
        await File.WriteAllTextAsync(temp, text, cancellationToken).ConfigureAwait(false);
        File.Move(temp, path, overwrite: true);
        FilePermissions.RestrictToOwner(path);
        return fileName;
    }

    private static string Header(EscalationAction action)
    {
        var c = action.Content;
        return $"""
            # Breach of {c.ContractId} / {c.ClauseId} (episode {action.Episode.Number})

            <!-- ticket: {action.Episode} -->
            Status: open
            Priority: {c.Priority}
            Assignee: {c.Assignee ?? "unassigned"}
            Customer: {c.Customer}
            Clause: {c.ClauseText}

            """ + "\n";
    }

    private static string SetStatus(string text, string status, string priority)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("Status: ", StringComparison.Ordinal)) lines[i] = "Status: " + status;
            else if (lines[i].StartsWith("Priority: ", StringComparison.Ordinal) && status == "open") lines[i] = "Priority: " + priority;
        }
        return string.Join('\n', lines);
    }

    private static string Section(EscalationAction action, string marker)
    {
        var c = action.Content;
        var title = action.Kind switch
        {
            EscalationActionKind.Open => "Breach opened",
            EscalationActionKind.Escalate => $"Escalated to level {action.Level} (unacknowledged)",
            EscalationActionKind.Remind => $"Reminder {action.Reminder} at level {action.Level}: still unacknowledged",
            EscalationActionKind.Resolve => "Recovered: target holds again",
            EscalationActionKind.Acknowledge => "Breach " + ChatMessage.Acknowledged(action),
            _ => $"Period closed: {c.State}",
        };
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"## {action.At.UtcDateTime:yyyy-MM-dd HH:mm}Z: {title}\n");
        sb.Append(marker).Append('\n');
        sb.Append(CultureInfo.InvariantCulture, $"- State: {c.State}; priority: {c.Priority}; assignee: {c.Assignee ?? "unassigned"}{(c.Watchers.Count > 0 ? "; watchers: " + string.Join(", ", c.Watchers) : "")}\n");
        sb.Append(CultureInfo.InvariantCulture, $"- Target: {c.Target}; actual: {c.Actual}; coverage: {c.Coverage}\n");
        sb.Append(CultureInfo.InvariantCulture, $"- Window: {c.Window}\n");
        if (c.Forecast is not null) sb.Append(CultureInfo.InvariantCulture, $"- Forecast: {c.Forecast}\n");
        if (c.ReportUrl is not null) sb.Append(CultureInfo.InvariantCulture, $"- Report: {c.ReportUrl}\n");
        sb.Append(CultureInfo.InvariantCulture, $"- Evidence record: {c.EvidenceHash}\n\n");
        return sb.ToString();
    }
}
