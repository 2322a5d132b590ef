using System.Diagnostics;
using System.Net.Sockets;

namespace ValueGuard.IntegrationTests.Servers;

/// <summary>Waiting for a broker process the tests started to accept connections on its loopback port.</summary>
internal static class BrokerStart
{
    /// <summary>
    /// Returns once 127.0.0.1:<paramref name="port"/> accepts a connection; fails with <paramref name="whyExited"/> when
    /// the process exits first, or after <paramref name="seconds"/>.
    /// </summary>
    public static void WaitUntilListening(Process process, int port, int seconds = 10, Func<string>? whyExited = null)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect("127.0.0.1", port);
                return;
            }
            catch (SocketException)
            {
                if (process.HasExited)
                    throw new InvalidOperationException($"mosquitto exited with {process.ExitCode} at start{(whyExited is null ? "" : ": " + whyExited())}");
                if (waited.Elapsed > TimeSpan.FromSeconds(seconds))
                    throw new InvalidOperationException($"mosquitto did not listen on 127.0.0.1:{port} within {seconds} s.");
                Thread.Sleep(50);
            }
        }
    }
}
