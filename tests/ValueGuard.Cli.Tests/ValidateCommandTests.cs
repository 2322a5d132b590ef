using ValueGuard.Testing;

namespace ValueGuard.Cli.Tests;

public class ValidateCommandTests
{
    [Fact]
    public async Task Validate_prints_three_located_errors_and_exits_1()
    {
        var contract = Path.Combine(RepoPaths.Examples, "mistakes", "contract-with-mistakes.yaml");

        var run = await CliProcess.RunAsync(TimeSpan.FromSeconds(30), "validate", contract);

        Assert.Equal(1, run.ExitCode);
        var errors = run.Stdout.Split('\n').Where(l => l.Contains(": error: ", StringComparison.Ordinal)).ToList();
        Assert.Equal([$"{contract}:12:5", $"{contract}:13:13", $"{contract}:16:31"], errors.Select(e => e[..e.IndexOf(": error", StringComparison.Ordinal)]));
        Assert.All(errors, e => Assert.Contains("(hint: ", e));
    }

    [Fact]
    public async Task Validate_exits_0_on_the_shipped_examples()
    {
        var run = await CliProcess.RunAsync(TimeSpan.FromSeconds(30), "validate",
            Path.Combine(RepoPaths.Examples, "site.yaml"), Path.Combine(RepoPaths.Examples, "acme-2026.yaml"));

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Contains("OK: 2 file(s) valid", run.Stdout);
    }

    [Fact]
    public async Task Version_is_printed()
    {
        var run = await CliProcess.RunAsync(TimeSpan.FromSeconds(30), "--version");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("0.1.0", run.Stdout.Trim());
    }
}
