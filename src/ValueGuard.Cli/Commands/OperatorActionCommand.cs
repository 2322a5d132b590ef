using System.CommandLine;
using System.Globalization;
using ValueGuard.Configuration.Sites;
using ValueGuard.Core.Commitments;
using ValueGuard.Core.Quantities;
using ValueGuard.Gateway.Hosting;
using ValueGuard.Gateway.Operators;
using ValueGuard.Storage.Operators;

namespace ValueGuard.Cli.Commands;

/// <summary>
/// <c>valueguard ack|snooze|waive --site FILE --clause CONTRACT/CLAUSE --actor NAME --reason TEXT [--until …]</c>:
/// queues a person's action in the site's data folder, waits briefly for the running gateway to apply it,
/// and says whether it was applied, refused, or is still queued (a gateway that is not running applies it at start).
/// </summary>
internal static class OperatorActionCommand
{
    public static Command Create(OperatorActionKind kind)
    {
        var (name, description) = kind switch
        {
            OperatorActionKind.Acknowledge => ("ack", "Acknowledge a clause's breach: it stops escalating"),
            OperatorActionKind.Snooze => ("snooze", "Hold a clause's escalation back until an instant"),
            _ => ("waive", "Waive a clause until an instant: it is not evaluated meanwhile, then returns to normal evaluation"),
        };
        var site = new Option<string>("--site") { Description = "The site YAML file", Required = true };
        var clause = new Option<string>("--clause") { Description = "CONTRACT/CLAUSE, e.g. ACME-2026-017/press-availability", Required = true };
        var actor = new Option<string>("--actor") { Description = "Who does it (recorded in the evidence ledger)", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why (recorded in the evidence ledger)", Required = true };
        var until = new Option<string?>("--until")
        {
            Description = "When it ends: an ISO-8601 instant with offset, or a duration from now such as 4h or 2d",
            Required = kind != OperatorActionKind.Acknowledge,
        };
        var wait = new Option<string>("--wait") { Description = "How long to wait for a running gateway to apply it", DefaultValueFactory = _ => "5s" };
        var command = new Command(name, description) { site, clause, actor, reason, wait };
        if (kind != OperatorActionKind.Acknowledge) command.Options.Add(until);
        command.SetAction(async (parse, ct) => await RunAsync(kind, parse.GetValue(site)!, parse.GetValue(clause)!, parse.GetValue(actor)!,
            parse.GetValue(reason)!, parse.GetValue(until), parse.GetValue(wait)!, Console.Out, ct).ConfigureAwait(false));
        return command;
    }

    public static async Task<int> RunAsync(OperatorActionKind kind, string siteFile, string clauseName, string actor, string reason, string? untilText,
        string waitText, TextWriter output, CancellationToken ct)
    {
        var now = TimeProvider.System.GetUtcNow();
        if (!DurationSyntax.TryParse(waitText, out var wait))
        {
            output.WriteLine($"--wait '{waitText}': {DurationSyntax.Hint}");
            return 2;
        }
        DateTimeOffset? until = null;
        if (untilText is not null)
        {
            if (ParseUntil(untilText, now) is not { } u)
            {
                output.WriteLine($"--until '{untilText}': write an instant with its offset (2026-03-20T18:00:00+08:00) or a duration from now (4h, 2d, 1h30m)");
                return 2;
            }
            until = u;
        }
        if (string.IsNullOrWhiteSpace(actor) || string.IsNullOrWhiteSpace(reason))
        {
            output.WriteLine("--actor and --reason must not be empty: the ledger records who did it and why");
            return 2;
        }
        var (model, errors) = SiteModelLoader.Load(siteFile);
        if (model is null)
        {
            foreach (var e in errors) output.WriteLine(e);
            return 2;
        }
        var slash = clauseName.IndexOf('/', StringComparison.Ordinal);
        var contractId = slash > 0 ? clauseName[..slash] : string.Empty;
        var clauseId = slash > 0 ? clauseName[(slash + 1)..] : clauseName;
        if (!model.Contracts.Any(c => c.Id == contractId && c.Clauses.Any(k => k.Id.Value == clauseId)))
        {
            var known = model.Contracts.SelectMany(c => c.Clauses.Select(k => $"{c.Id}/{k.Id}"));
            output.WriteLine($"--clause '{clauseName}': no such clause in the site's contracts; known: {string.Join(", ", known)}");
            return 2;
        }

        using var queue = new SqliteOperatorActionQueue(new GatewayPaths(model.Site.DataDirectory).OperatorActions);
        var action = new OperatorAction(kind, contractId, clauseId, actor.Trim(), reason.Trim(), until, now);
        var id = await queue.EnqueueAsync(action, ct).ConfigureAwait(false);
        var started = TimeProvider.System.GetTimestamp();
        var state = await queue.FindAsync(id, ct).ConfigureAwait(false);
        while (state is { Status: OperatorActionStatus.Queued } && TimeProvider.System.GetElapsedTime(started) < wait)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), ct).ConfigureAwait(false);
            state = await queue.FindAsync(id, ct).ConfigureAwait(false);
        }
        var verb = OperatorActions.Verb(kind);
        switch (state!.Status)
        {
            case OperatorActionStatus.Applied:
                output.WriteLine($"applied: {verb} by {action.Actor}: {state.Detail}");
                return 0;
            case OperatorActionStatus.Refused:
                output.WriteLine($"refused: {verb} of {clauseName}: {state.Detail}");
                return 1;
            default:
                output.WriteLine($"queued: {verb} of {clauseName} (#{id}); no running gateway applied it within {DurationSyntax.Format(wait)}. " +
                    "The gateway applies it on its next pass, or when it starts.");
                return 0;
        }
    }

    private static DateTimeOffset? ParseUntil(string text, DateTimeOffset now)
    {
        if (DurationSyntax.TryParse(text, out var after) && after > TimeSpan.Zero) return now + after;
        // An instant must name its offset: a local time without a zone is ambiguous on a plant gateway.
        return text.Length > 19 && (text.EndsWith('Z') || text[^6] is '+' or '-')
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)
            ? instant.ToUniversalTime() : null;
    }
}
