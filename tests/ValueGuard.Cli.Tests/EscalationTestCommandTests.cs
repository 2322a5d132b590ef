using System.Text.RegularExpressions;
using ValueGuard.Testing;

namespace ValueGuard.Cli.Tests;

/// <summary><c>valueguard escalation test</c> as a child process, against the file sink.</summary>
public sealed class EscalationTestCommandTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly TempDirectory dir = new();

    private string Site() => dir.Write("site.yaml", $"""
        site: plant-a
        data_dir: data
        device_profiles: [{RepoPaths.DeviceProfiles}]
        devices: []
        tickets:
          sinks:
            - {"{"} name: desk, kind: file, path: tickets {"}"}
            - {"{"} name: chat, kind: slack, url_file: slack.url {"}"}
        """);

    [Fact]
    public async Task Sends_open_escalate_resolve_and_prints_each_step_with_the_remote_ticket()
    {
        var run = await CliProcess.RunAsync(Timeout, "escalation", "test", "--site", Site(), "--sink", "desk", "--key", "commissioning-1");

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("sink 'desk' (file): TEST episode VALUEGUARD-TEST/commissioning-1/1", lines[0]);
        Assert.Matches(@"^open +ok +remote ticket VALUEGUARD-TEST__commissioning-1__1\.md \(\d+\.\d s\)$", lines[1]);
        Assert.Matches(@"^escalate +ok +remote ticket VALUEGUARD-TEST__commissioning-1__1\.md", lines[2]);
        Assert.Matches(@"^resolve +ok +remote ticket VALUEGUARD-TEST__commissioning-1__1\.md", lines[3]);
        var ticket = await File.ReadAllTextAsync(dir.File("data/tickets/VALUEGUARD-TEST__commissioning-1__1.md"));
        Assert.Contains("Status: resolved", ticket, StringComparison.Ordinal);
        Assert.Contains("TEST ticket sent by 'valueguard escalation test'", ticket, StringComparison.Ordinal);
        Assert.Contains("actual: 97.5% (TEST)", ticket, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Running_twice_with_the_same_key_leaves_one_ticket_with_each_step_once()
    {
        var site = Site();

        var first = await CliProcess.RunAsync(Timeout, "escalation", "test", "--site", site, "--sink", "desk", "--key", "twice");
        var second = await CliProcess.RunAsync(Timeout, "escalation", "test", "--site", site, "--sink", "desk", "--key", "twice");

        Assert.Equal((0, 0), (first.ExitCode, second.ExitCode));
        var ticket = Assert.Single(Directory.GetFiles(dir.File("data/tickets")));
        var text = await File.ReadAllTextAsync(ticket);
        Assert.Equal(["open-0", "escalate-1", "resolve-1"], Regex.Matches(text, "<!-- action: VALUEGUARD-TEST/twice/1#([a-z0-9-]+) -->").Select(m => m.Groups[1].Value));
    }

    [Fact]
    public async Task Without_a_key_the_episode_is_named_after_site_and_sink_on_every_run()
    {
        var run = await CliProcess.RunAsync(Timeout, "escalation", "test", "--site", Site(), "--sink", "desk");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("sink 'desk' (file): TEST episode VALUEGUARD-TEST/plant-a-desk/1\n", run.Stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(dir.File("data/tickets/VALUEGUARD-TEST__plant-a-desk__1.md")));
    }

    [Fact]
    public async Task An_unknown_sink_name_lists_the_configured_sinks_and_exits_2()
    {
        var run = await CliProcess.RunAsync(Timeout, "escalation", "test", "--site", Site(), "--sink", "redmine");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--sink 'redmine': no ticket sink of that name in", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("configured sinks: desk, chat", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sink_whose_credential_file_is_missing_is_named_and_exits_2()
    {
        var run = await CliProcess.RunAsync(Timeout, "escalation", "test", "--site", Site(), "--sink", "chat");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("sink 'chat' (slack): slack 'chat' url_file:", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_with_a_slash_is_refused()
    {
        var run = await CliProcess.RunAsync(Timeout, "escalation", "test", "--site", Site(), "--sink", "desk", "--key", "a/b");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--key 'a/b': use letters, digits", run.Stdout, StringComparison.Ordinal);
    }

    public void Dispose() => dir.Dispose();
}
