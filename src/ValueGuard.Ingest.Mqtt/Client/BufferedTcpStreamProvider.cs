using System.Net;
using System.Net.Sockets;
using MQTTnet.Channel;

namespace ValueGuard.Ingest.Mqtt.Client;

/// <summary>
/// Opens the broker connection for MQTTnet as a plain TCP socket (no Nagle delay) behind a <see cref="ReadBufferedStream"/>;
/// MQTTnet layers TLS on top for <c>mqtts://</c>.
/// </summary>
internal sealed class BufferedTcpStreamProvider : IMqttClientStreamProvider
{
    private volatile ReadBufferedStream? current;

    /// <summary>The stream of the latest connection, to hold back the acknowledgements of one batch; null before the first.</summary>
    public ReadBufferedStream? Current => current;

    public async Task<Stream> ConnectAsync(EndPoint brokerEndPoint, CancellationToken cancellationToken)
    {
        // Dual mode: a host name may resolve to IPv4 or IPv6.
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(brokerEndPoint, cancellationToken).ConfigureAwait(false);
            var stream = new ReadBufferedStream(new NetworkStream(socket, ownsSocket: true));
            current = stream;
            return stream;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
