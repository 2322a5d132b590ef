using ValueGuard.Ingest.Serial.Transport;

namespace ValueGuard.Ingest.Serial.Tests.Pty;

/// <summary>Stable port names are symlinks, like socat's pty links (needs socat).</summary>
public sealed class SerialPortPathTests : PtyTest
{
    [Fact]
    public void A_stable_port_name_resolves_to_the_tty_it_points_at()
    {
        var device = SerialPortPath.Resolve(Pty.A);

        Assert.StartsWith("/dev/pts/", device, StringComparison.Ordinal);
        Assert.NotEqual(SerialPortPath.Resolve(Pty.B), device);
    }

    [Fact]
    public void A_missing_port_resolves_to_nothing()
    {
        Assert.Null(SerialPortPath.Resolve(Temp.File("usb-FTDI-unplugged")));
    }
}
