using System.Net;
using System.Net.Sockets;

namespace ValueGuard.IntegrationTests.Servers;

/// <summary>
/// A loopback TCP relay to a real server that a test can cut like a broken plant network: while down it
/// closes every open connection and every new one at once.
/// </summary>
public sealed class OutageProxy : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly Uri target;
    private readonly CancellationTokenSource stopping = new();
    private readonly List<TcpClient> open = [];
    private readonly Task accepting;
    private volatile bool down;

    public OutageProxy(Uri target)
    {
        this.target = target;
        listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");
        accepting = AcceptAsync(stopping.Token);
    }

    public Uri Url { get; }

    public bool Down
    {
        get => down;
        set
        {
            down = value;
            if (!value) return;
            lock (open)
            {
                foreach (var client in open) client.Dispose();
                open.Clear();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        try { await accepting; }
        catch (OperationCanceledException) { }
        catch (SocketException) { }
        Down = true;
        stopping.Dispose();
    }

    private async Task AcceptAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(cancellationToken);
            if (down)
            {
                client.Dispose();
                continue;
            }
            var server = new TcpClient();
            await server.ConnectAsync(target.Host, target.Port, cancellationToken);
            lock (open)
            {
                open.Add(client);
                open.Add(server);
            }
            _ = RelayAsync(client, server, cancellationToken);
            _ = RelayAsync(server, client, cancellationToken);
        }
    }

    private static async Task RelayAsync(TcpClient from, TcpClient to, CancellationToken cancellationToken)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream(), cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            // A cut connection is the point of this class.
        }
        from.Dispose();
        to.Dispose();
    }
}
