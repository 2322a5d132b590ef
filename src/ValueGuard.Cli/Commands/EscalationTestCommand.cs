using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using ValueGuard.Configuration.Sites;
using ValueGuard.Core.Commitments;
using ValueGuard.Core.Escalation;
using ValueGuard.Escalation.Sinks;
using ValueGuard.Escalation.Sinks.PagerDuty;
using ValueGuard.Gateway.Hosting;

namespace ValueGuard.Cli.Commands;

/// <summary>
/// <c>valueguard escalation test --site FILE --sink NAME [--key KEY]</c>: sends a test breach episode (open, escalate,
/// resolve) straight through one configured sink, so a field engineer proves the connection on site. The episode's id
/// comes from the key, and sinks find their ticket by it: the same key never makes a second ticket. The site's outbox
/// is not touched.
/// </summary>
internal static partial class EscalationTestCommand
{
    /// <summary>The contract id of every test episode; it names the ticket as a test in every sink's text.</summary>
    public const string TestContract = "VALUEGUARD-TEST";

    public static Command Create()
    {
        var site = new Option<string>("--site") { Description = "The site YAML file", Required = true };
        var sink = new Option<string>("--sink") { Description = "The name of the ticket sink to test (tickets: sinks: name)", Required = true };
        var key = new Option<string?>("--key")
        {
            Description = "The test episode's key (letters, digits, '-', '_', '.'); default: <site>-<sink>, the same on every run. " +
                "PagerDuty: with two_way.api_token_file a key that already has an incident sends nothing; without it, a second run opens a second incident",
        };
        var command = new Command("test", "Send a TEST breach episode (open, escalate, resolve) through one configured sink and print each step's result") { site, sink, key };
        command.SetAction(async (parse, ct) => await RunAsync(parse.GetValue(site)!, parse.GetValue(sink)!, parse.GetValue(key), Console.Out, TimeProvider.System, ct).ConfigureAwait(false));
        return command;
    }

    /// <summary>Exit code 0 when all three steps were accepted, 1 when a step failed, 2 when the site, sink or key is wrong.</summary>
    public static async Task<int> RunAsync(string siteFile, string sinkName, string? key, TextWriter output, TimeProvider clock, CancellationToken ct)
    {
        if (!File.Exists(siteFile))
        {
            output.WriteLine($"{siteFile}: no such file");
            return 2;
        }
        var result = SiteLoader.Load(siteFile, await File.ReadAllTextAsync(siteFile, ct).ConfigureAwait(false));
        if (result.Value is not { } site)
        {
            foreach (var e in result.Errors) output.WriteLine(e);
            return 2;
        }
        if (site.TicketSinks.FirstOrDefault(s => s.Name == sinkName) is not { } config)
        {
            var known = site.TicketSinks.Count == 0 ? "none (add tickets: sinks: to the site file)" : string.Join(", ", site.TicketSinks.Select(s => s.Name));
            output.WriteLine($"--sink '{sinkName}': no ticket sink of that name in {siteFile}; configured sinks: {known}");
            return 2;
        }
        key ??= KeyUnsafe().Replace($"{site.Id}-{sinkName}", "-");
        if (key.Length == 0 || KeyUnsafe().IsMatch(key))
        {
            output.WriteLine($"--key '{key}': use letters, digits, '-', '_' and '.' only (the key becomes part of the ticket's id)");
            return 2;
        }

        using var http = new HttpClient();
        ITicketSink sink;
        PagerDutyIncidentReader? incidents;
        try
        {
            sink = TicketSinkFactory.Create(config, http, clock);
            incidents = config is { Kind: "pagerduty", TwoWay.ApiTokenFile: { } apiToken }
                ? new PagerDutyIncidentReader(new PagerDutyIncidentOptions { Name = config.Name, ApiUrl = config.TwoWay!.ApiUrl ?? PagerDutyIncidentOptions.DefaultApiUrl, ApiTokenFile = apiToken }, http)
                : null;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            output.WriteLine($"sink '{sinkName}' ({config.Kind}): {e.Message}");
            return 2;
        }

        var episode = new BreachEpisodeId(TestContract, key, 1);
        output.WriteLine($"sink '{sinkName}' ({config.Kind}): TEST episode {episode}");
        // PagerDuty opens a new incident when a resolved dedup_key is triggered again; only its REST API can say whether one exists.
        if (incidents is not null)
        {
            try
            {
                if (await incidents.IncidentOfAsync(episode.ToString(), ct).ConfigureAwait(false) is { } incident)
                {
                    output.WriteLine($"lookup    ok      PagerDuty already has incident {incident} for this key; nothing sent (a new trigger would open a second incident)");
                    output.WriteLine("done: give a new --key to see a fresh incident go through all three steps");
                    return 0;
                }
                output.WriteLine("lookup    ok      PagerDuty has no incident for this key yet");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                output.WriteLine($"lookup    FAILED  {e.Message}");
                return 1;
            }
        }
        (EscalationActionKind Kind, int Level)[] steps = [(EscalationActionKind.Open, 0), (EscalationActionKind.Escalate, 1), (EscalationActionKind.Resolve, 1)];
        foreach (var (kind, level) in steps)
        {
            var action = TestAction(episode, kind, level, site.Id, clock.GetUtcNow());
            var watch = Stopwatch.StartNew();
            try
            {
                var remote = await sink.DeliverAsync(action, ct).ConfigureAwait(false);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Name(kind),-9} ok      remote ticket {remote} ({watch.Elapsed.TotalSeconds:0.0} s)"));
            }
            // Whatever the remote system or the network does, the engineer gets the message, not a stack trace.
            catch (Exception e) when (e is not OperationCanceledException)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Name(kind),-9} FAILED  {e.Message} ({watch.Elapsed.TotalSeconds:0.0} s)"));
                return 1;
            }
        }
        output.WriteLine(config.Kind == "pagerduty" && incidents is null
            ? $"done: without two_way.api_token_file PagerDuty cannot be asked whether --key {key} already has an incident; running again with it opens a second incident"
            : $"done: the same --key {key} finds this ticket again instead of opening a second one");
        return 0;
    }

    private static string Name(EscalationActionKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>A breach that never happened, marked TEST wherever a sink shows text.</summary>
    public static EscalationAction TestAction(BreachEpisodeId episode, EscalationActionKind kind, int level, string siteId, DateTimeOffset now) =>
        new(episode, kind, level, now, new TicketContent(
            Customer: $"TEST (site {siteId})",
            ContractId: episode.ContractId,
            ClauseId: episode.ClauseId,
            ClauseText: "TEST ticket sent by 'valueguard escalation test' to prove the connection; no commitment was breached. Close or delete it.",
            Target: ">= 98%",
            Actual: "97.5% (TEST)",
            Coverage: "100 % (TEST)",
            Window: string.Create(CultureInfo.InvariantCulture, $"[{now.AddHours(-1).UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}, {now.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}) TEST"),
            State: kind == EscalationActionKind.Resolve ? "Recovered" : "Breached",
            Priority: EscalationPlanner.PriorityFor(kind, level),
            Assignee: null,
            EvidenceHash: new string('0', 64)));

    [GeneratedRegex("[^A-Za-z0-9_.-]")]
    private static partial Regex KeyUnsafe();
}
