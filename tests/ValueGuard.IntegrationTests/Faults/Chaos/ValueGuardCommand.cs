using System.Diagnostics;

namespace ValueGuard.IntegrationTests.Faults.Chaos;

/// <summary>Runs the real <c>valueguard</c> command (the CLI the tests' output folder holds) and returns its exit code and output.</summary>
internal static class ValueGuardCommand
{
    public static async Task<(int Exit, string Output)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "valueguard.dll"));
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary><c>valueguard verify --ledger PATH</c>.</summary>
    public static Task<(int Exit, string Output)> VerifyAsync(string ledger) => RunAsync("verify", "--ledger", ledger);
}
