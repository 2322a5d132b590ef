using ValueGuard.Configuration.Sites;
using ValueGuard.Testing;

namespace ValueGuard.Configuration.Tests;

public sealed class SerialSiteTests : IDisposable
{
    private readonly TempDirectory dir = new();

    private string Site(string serialAndDevices) => dir.Write("site.yaml", $"""
        site: plant
        device_profiles: [{RepoPaths.DeviceProfiles}]
        {serialAndDevices}
        """);

    [Fact]
    public void Shipped_serial_example_site_loads_with_its_port_settings_and_slave_overrides()
    {
        var (model, errors) = SiteModelLoader.Load(Path.Combine(RepoPaths.Examples, "serial-site.yaml"));

        Assert.Empty(errors);
        const string port = "/dev/serial/by-id/usb-FTDI_FT232R-if00-port0";
        Assert.Equal(new SerialPortConfig(port) { Baud = 19200, Parity = "none", StopBits = 1, Gap = TimeSpan.FromMilliseconds(20), Timeout = TimeSpan.FromMilliseconds(200), Retries = 2 },
            Assert.Single(model!.Site.SerialPorts));
        Assert.Equal([(port, (byte?)4), (port, (byte?)5)], model.Site.Devices.Select(d => (d.Port, d.Slave)));
        Assert.True(model.Catalog.TryGet(new Core.Signals.SignalId("spindle-05", "temperature"), out _));
    }

    [Fact]
    public void A_device_on_an_unlisted_port_is_an_error_at_the_port_that_lists_the_known_ports()
    {
        var file = Site("""
            serial:
              - { port: /dev/ttyUSB0 }
              - { port: /dev/ttyUSB1 }
            devices:
              - { id: spindle-04, profile: spindle-drive-modbus, port: /dev/ttyUSB7 }
            """);

        var error = Assert.Single(SiteModelLoader.Load(file).Errors);

        Assert.Equal((7, 60), (error.Line, error.Column));
        Assert.Contains("'/dev/ttyUSB7' is not listed under 'serial:'", error.Message, StringComparison.Ordinal);
        Assert.Equal("known ports: /dev/ttyUSB0, /dev/ttyUSB1", error.Hint);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("248")]
    [InlineData("four")]
    public void A_slave_address_outside_1_to_247_is_an_error_at_the_slave(string slave)
    {
        var file = Site($$"""
            serial: [{ port: /dev/ttyUSB0 }]
            devices:
              - { id: spindle-04, profile: spindle-drive-modbus, port: /dev/ttyUSB0, slave: {{slave}} }
            """);

        var error = Assert.Single(SiteModelLoader.Load(file).Errors);

        Assert.Equal((5, 81), (error.Line, error.Column));
        Assert.Contains("slave", error.Message, StringComparison.Ordinal);
        Assert.Contains("1 to 247", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void A_modbus_device_without_a_port_is_an_error_at_the_device()
    {
        var file = Site("""
            serial: [{ port: /dev/ttyUSB0 }]
            devices:
              - { id: spindle-04, profile: spindle-drive-modbus }
            """);

        var error = Assert.Single(SiteModelLoader.Load(file).Errors);

        Assert.Equal((5, 5), (error.Line, error.Column));
        Assert.Contains("names no serial port", error.Message, StringComparison.Ordinal);
        Assert.Contains("/dev/ttyUSB0", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Serial_port_mistakes_are_located_with_a_fix()
    {
        var file = Site("""
            serial:
              - { port: /dev/ttyUSB0, baud: 19201, parity: mark, bad_rate: 1 }
            devices: []
            """);

        var errors = SiteModelLoader.Load(file).Errors.OrderBy(e => e.Column).ToList();

        Assert.Equal([(4, 33), (4, 48), (4, 54)], errors.Select(e => (e.Line, e.Column)));
        Assert.All(errors, e => Assert.NotNull(e.Hint));
    }

    public void Dispose() => dir.Dispose();
}
