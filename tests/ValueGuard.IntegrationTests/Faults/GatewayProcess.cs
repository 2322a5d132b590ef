using System.Collections.Concurrent;
using System.Diagnostics;

namespace ValueGuard.IntegrationTests.Faults;

/// <summary>
/// <c>valueguard run --site FILE</c> as a real child process: started, watched through its JSON log on
/// stderr, and killed with SIGKILL the way a power cut or the OOM killer would.
/// </summary>
public sealed class GatewayProcess : IDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> log = new();

    private GatewayProcess(Process process)
    {
        this.process = process;
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) log.Enqueue(e.Data); };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) log.Enqueue(e.Data); };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
    }

    public static GatewayProcess Start(string siteFile, params string[] options)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "valueguard.dll"), "run", "--site", siteFile, "--log-format", "json" }.Concat(options))
            start.ArgumentList.Add(a);
        return new GatewayProcess(Process.Start(start)!);
    }

    /// <summary>The process id (for looking at it in /proc).</summary>
    public int Id => process.Id;

    public string Log => string.Join('\n', log);

    /// <summary>The process is still running (it did not crash or stop).</summary>
    public bool IsRunning => !process.HasExited;

    /// <summary>Waits until the gateway logged that it is connected and subscribed.</summary>
    public async Task WaitUntilConnectedAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!log.Any(l => l.Contains("\"MqttConnected\"", StringComparison.Ordinal)))
        {
            if (process.HasExited) throw new InvalidOperationException($"the gateway exited with {process.ExitCode}:\n{Log}");
            if (deadline.Elapsed > timeout) throw new TimeoutException($"the gateway did not connect within {timeout}:\n{Log}");
            await Task.Delay(50);
        }
    }

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public void KillHard()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public void Dispose()
    {
        if (!process.HasExited) KillHard();
        process.Dispose();
    }
}
