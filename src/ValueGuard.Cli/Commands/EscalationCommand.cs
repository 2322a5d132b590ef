using System.CommandLine;
using System.Globalization;
using ValueGuard.Configuration.Sites;
using ValueGuard.Escalation.Outbox;
using ValueGuard.Gateway.Hosting;

namespace ValueGuard.Cli.Commands;

/// <summary>
/// <c>valueguard escalation list|retry --site FILE</c>: shows the escalation actions not delivered yet
/// (pending and dead) and gives dead ones a fresh set of attempts; <c>escalation test</c> (<see cref="EscalationTestCommand"/>)
/// proves one sink's connection.
/// </summary>
internal static class EscalationCommand
{
    public static Command Create()
    {
        var command = new Command("escalation", "Inspect and retry the escalation outbox of a site; test a ticket sink");
        var listSite = SiteOption();
        var list = new Command("list", "List the escalation actions not delivered yet (pending and dead)") { listSite };
        list.SetAction(async (parse, ct) => await ListAsync(parse.GetValue(listSite)!, Console.Out, ct).ConfigureAwait(false));
        var retrySite = SiteOption();
        var id = new Option<long?>("--id") { Description = "Retry only the dead action with this id (see 'escalation list'); default: all dead actions" };
        var retry = new Command("retry", "Give dead escalation actions a fresh set of attempts; the running gateway delivers them") { retrySite, id };
        retry.SetAction(async (parse, ct) => await RetryAsync(parse.GetValue(retrySite)!, parse.GetValue(id), Console.Out, ct).ConfigureAwait(false));
        command.Subcommands.Add(list);
        command.Subcommands.Add(retry);
        command.Subcommands.Add(EscalationTestCommand.Create());
        return command;
    }

    private static Option<string> SiteOption() => new("--site") { Description = "The site YAML file", Required = true };

    public static async Task<int> ListAsync(string siteFile, TextWriter output, CancellationToken ct)
    {
        if (Open(siteFile, output) is not { } outbox) return 2;
        using (outbox)
        {
            var entries = await outbox.UndeliveredAsync(ct).ConfigureAwait(false);
            foreach (var e in entries)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{e.Id}\t{e.Status}\t{e.Sink}\t{e.Action.IdempotencyKey}\tattempts {e.Attempts}\tnext {e.NextAttempt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z\t{e.LastError ?? "-"}"));
            }
            output.WriteLine($"{entries.Count(e => e.Status == OutboxStatus.Pending)} pending, {entries.Count(e => e.Status == OutboxStatus.Dead)} dead");
            return 0;
        }
    }

    public static async Task<int> RetryAsync(string siteFile, long? id, TextWriter output, CancellationToken ct)
    {
        if (Open(siteFile, output) is not { } outbox) return 2;
        using (outbox)
        {
            var revived = await outbox.RetryDeadAsync(id, TimeProvider.System.GetUtcNow(), ct).ConfigureAwait(false);
            output.WriteLine(id is { } one && revived == 0
                ? $"no dead action with id {one}; see 'valueguard escalation list --site {siteFile}'"
                : $"{revived} dead action(s) queued again; the gateway delivers them on its next round");
            return id is not null && revived == 0 ? 1 : 0;
        }
    }

    private static EscalationOutbox? Open(string siteFile, TextWriter output)
    {
        var result = SiteLoader.Load(siteFile, File.ReadAllText(siteFile));
        if (result.Value is not { } site)
        {
            foreach (var e in result.Errors) output.WriteLine(e);
            return null;
        }
        var path = new GatewayPaths(site.DataDirectory).Outbox;
        if (!File.Exists(path))
        {
            output.WriteLine($"{path}: the site has no escalation outbox yet; run the gateway first (valueguard run --site {siteFile})");
            return null;
        }
        return new EscalationOutbox(path);
    }
}
