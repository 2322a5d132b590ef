using System.Text.Json;
using ValueGuard.Cli.Commands;
using ValueGuard.Escalation.Tests.Webhook;
using ValueGuard.Testing;

namespace ValueGuard.Cli.Tests;

/// <summary>
/// <c>valueguard escalation test</c> against PagerDuty (local receivers in the Events API v2 and REST API formats): a
/// resolved dedup_key triggered again would open a second incident, so with a REST token the command asks first.
/// </summary>
public sealed class EscalationTestWithPagerDutyTests : IDisposable
{
    private const string Accepted = """{"status":"success","message":"Event processed","dedup_key":"VALUEGUARD-TEST/k/1"}""";
    private readonly TempDirectory dir = new();
    private readonly LoopbackReceiver events = new(_ => (202, Accepted));

    private string Site(LoopbackReceiver? rest)
    {
        dir.Write("pd.key", "R0UT1NGKEY\n");
        dir.Write("pd-api.token", "u+REST-TOKEN\n");
        var twoWay = rest is null ? "" : $", two_way: {{ poll_every: 1m, api_token_file: pd-api.token, api_url: \"{rest.Url}\" }}";
        return dir.Write("site.yaml", $"""
            site: plant-a
            data_dir: data
            device_profiles: [{RepoPaths.DeviceProfiles}]
            devices: []
            tickets:
              sinks:
                - {"{"} name: on-call, kind: pagerduty, url: "{new Uri(events.Url, "v2/enqueue")}", routing_key_file: pd.key{twoWay} {"}"}
            """);
    }

    private static string Incidents(string status) =>
        status.Length == 0 ? """{"incidents":[],"limit":25,"offset":0,"more":false}"""
            : $$"""{"incidents":[{"id":"PT4KHLK","incident_number":12,"incident_key":"VALUEGUARD-TEST/k/1","status":"{{status}}"}],"limit":25,"offset":0,"more":false}""";

    private async Task<(int Code, string Output)> Run(string site)
    {
        using var output = new StringWriter();
        var code = await EscalationTestCommand.RunAsync(site, "on-call", "k", output, TimeProvider.System, default);
        return (code, output.ToString());
    }

    [Fact]
    public async Task A_key_whose_incident_exists_sends_nothing()
    {
        using var rest = LoopbackReceiver.Routing(_ => (200, Incidents("resolved")));

        var (code, output) = await Run(Site(rest));

        Assert.True(code == 0, output);
        Assert.Contains("PagerDuty already has incident #12 (resolved) for this key; nothing sent", output, StringComparison.Ordinal);
        Assert.Empty(events.Requests);
        var lookup = Assert.Single(rest.Requests);
        Assert.Equal(("/hooks/valueguard/incidents", "?incident_key=VALUEGUARD-TEST%2Fk%2F1&date_range=all"), (lookup.Path, lookup.Query));
        Assert.Equal("Token token=u+REST-TOKEN", lookup.Headers["Authorization"]);
    }

    [Fact]
    public async Task A_key_without_an_incident_goes_through_trigger_trigger_resolve()
    {
        using var rest = LoopbackReceiver.Routing(_ => (200, Incidents("")));

        var (code, output) = await Run(Site(rest));

        Assert.True(code == 0, output);
        Assert.Contains("PagerDuty has no incident for this key yet", output, StringComparison.Ordinal);
        Assert.Equal(["trigger", "trigger", "resolve"],
            events.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("event_action").GetString()));
    }

    [Fact]
    public async Task Without_a_rest_token_the_command_says_a_second_run_opens_a_second_incident()
    {
        var (code, output) = await Run(Site(null));

        Assert.True(code == 0, output);
        Assert.Equal(3, events.Requests.Count);
        Assert.Contains("running again with it opens a second incident", output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        events.Dispose();
        dir.Dispose();
    }
}
