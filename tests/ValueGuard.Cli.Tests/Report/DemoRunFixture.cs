using ValueGuard.Testing;

namespace ValueGuard.Cli.Tests.Report;

/// <summary>One <c>valueguard demo</c> run shared by the report tests: its output folder holds store, ledger and outbox.</summary>
public sealed class DemoRunFixture : IAsyncLifetime
{
    private readonly TempDirectory dir = new();

    public string Folder => dir.Path;

    public string Data => dir.File("data");

    public async Task InitializeAsync()
    {
        var run = await CliProcess.RunAsync(TimeSpan.FromSeconds(180), "demo", "--out", dir.Path);
        if (run.ExitCode != 0) throw new InvalidOperationException($"valueguard demo failed ({run.ExitCode}): {run.Stdout}{run.Stderr}");
    }

    public Task DisposeAsync()
    {
        dir.Dispose();
        return Task.CompletedTask;
    }
}
