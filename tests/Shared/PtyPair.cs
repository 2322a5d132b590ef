using System.Diagnostics;

namespace ValueGuard.Testing;

/// <summary>
/// A real pseudo-terminal pair from socat: bytes written to <see cref="A"/> come out of <see cref="B"/> and back,
/// through the kernel's tty layer like a null-modem cable. Needs socat (Debian package socat).
/// </summary>
internal sealed class PtyPair : IDisposable
{
    private readonly Process process;

    public PtyPair(string directory, string name = "pty")
    {
        var socat = ExternalTool.Require("socat", "socat");
        A = Path.Combine(directory, name + "-a");
        B = Path.Combine(directory, name + "-b");
        process = Process.Start(new ProcessStartInfo(socat, ["-d", "-d", $"pty,raw,echo=0,link={A}", $"pty,raw,echo=0,link={B}"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        var deadline = Stopwatch.StartNew();
        while (!(File.Exists(A) && File.Exists(B)))
        {
            if (process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(10))
            {
                Dispose();
                throw new InvalidOperationException($"socat did not create {A} and {B} within 10 s.");
            }
            Thread.Sleep(10);
        }
    }

    public string A { get; }

    public string B { get; }

    public void Dispose()
    {
        ToolRun.Stop(process);
    }
}
