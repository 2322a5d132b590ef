using System.Diagnostics;
using System.Text.Json.Nodes;
using ValueGuard.IntegrationTests.Servers;
using ValueGuard.Testing;

namespace ValueGuard.IntegrationTests.Tickets;

/// <summary>Needs: Redmine. <c>valueguard escalation test</c> as a child process against the real Redmine.</summary>
[Collection(RedmineCollection.Name)]
public sealed class EscalationTestCommandWithRedmineTests(RedmineServer redmine) : IDisposable
{
    // A key of its own per test run, so earlier runs' issues never count.
    private readonly string key = "commissioning-" + Guid.NewGuid().ToString("N")[..8];
    private readonly TempDirectory dir = new();
    private readonly HttpClient http = new();

    [Fact]
    public async Task Running_twice_with_the_same_key_leaves_one_resolved_issue_with_the_escalation_and_resolve_notes()
    {
        var site = Site();

        var first = await RunAsync("escalation", "test", "--site", site, "--sink", "delivery", "--key", key);
        var second = await RunAsync("escalation", "test", "--site", site, "--sink", "delivery", "--key", key);

        Assert.True(first.ExitCode == 0, first.Output);
        Assert.True(second.ExitCode == 0, second.Output);
        var issue = Assert.Single(await Issues());
        var id = issue["id"]!.GetValue<int>();
        foreach (var step in new[] { "open", "escalate", "resolve" })
        {
            Assert.Contains(first.Output.Split('\n'), l => l.StartsWith(step, StringComparison.Ordinal) && l.Contains($"ok      remote ticket {id} ", StringComparison.Ordinal));
            Assert.Contains(second.Output.Split('\n'), l => l.StartsWith(step, StringComparison.Ordinal) && l.Contains($"ok      remote ticket {id} ", StringComparison.Ordinal));
        }
        var full = (await Get($"/issues/{id}.json?include=journals"))["issue"]!;
        Assert.Equal("Resolved", full["status"]!["name"]!.GetValue<string>());
        Assert.Contains("VALUEGUARD-TEST", full["subject"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("TEST ticket sent by 'valueguard escalation test'", full["description"]!.GetValue<string>(), StringComparison.Ordinal);
        var notes = full["journals"]!.AsArray().Select(j => j!["notes"]!.GetValue<string>()).Where(n => n.Length > 0).ToList();
        Assert.Equal([$"valueguard-action: VALUEGUARD-TEST/{key}/1#escalate-1", $"valueguard-action: VALUEGUARD-TEST/{key}/1#resolve-1"], notes.Select(n => n.Split('\n')[^1]));
    }

    [Fact]
    public async Task An_unknown_sink_lists_the_configured_ones_and_exits_non_zero()
    {
        var run = await RunAsync("escalation", "test", "--site", Site(), "--sink", "jira");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("configured sinks: delivery", run.Output, StringComparison.Ordinal);
        Assert.Empty(await Issues());
    }

    private string Site()
    {
        dir.Write("redmine.key", redmine.ApiKey + "\n");
        return dir.Write("site.yaml", $"""
            site: plant-it
            data_dir: data
            device_profiles: [{RepoPaths.DeviceProfiles}]
            devices: []
            tickets:
              sinks:
                - {"{"} name: delivery, kind: redmine, url: "{redmine.Url}", api_key_file: redmine.key, project: {redmine.Project} {"}"}
            """);
    }

    private async Task<List<JsonNode>> Issues()
    {
        var marker = $"[vg:VALUEGUARD-TEST/{key}/1]";
        var json = await Get($"/issues.json?project_id={redmine.Project}&status_id=*&subject={Uri.EscapeDataString("~" + marker)}");
        return json["issues"]!.AsArray().Select(i => i!).Where(i => i["subject"]!.GetValue<string>().Contains(marker, StringComparison.Ordinal)).ToList();
    }

    private async Task<JsonNode> Get(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(redmine.Url, path));
        request.Headers.Add("X-Redmine-API-Key", redmine.ApiKey);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "valueguard.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));
        return (process.ExitCode, await stdout + await stderr);
    }

    public void Dispose()
    {
        http.Dispose();
        dir.Dispose();
    }
}
