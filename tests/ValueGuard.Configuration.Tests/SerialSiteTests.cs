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
        const string bus = "/dev/serial/by-id/usb-FTDI_FT232R-if00-port0";
        const string wind = "/dev/serial/by-id/usb-Prolific_PL2303-if00-port0";
        Assert.Equal(
            [new SerialPortConfig(bus) { Baud = 19200, Parity = "none", StopBits = 1, Gap = TimeSpan.FromMilliseconds(20), Timeout = TimeSpan.FromMilliseconds(200), Retries = 2 },
             new SerialPortConfig(wind) { Baud = 4800, Parity = "none" }],
            model!.Site.SerialPorts);
        Assert.Equal([(bus, (byte?)4), (bus, (byte?)5), (bus, (byte?)7), (wind, (byte?)null)], model.Site.Devices.Select(d => (d.Port, d.Slave)));
        Assert.True(model.Catalog.TryGet(new Core.Signals.SignalId("spindle-05", "temperature"), out _));
        Assert.True(model.Catalog.TryGet(new Core.Signals.SignalId("roof-wind", "wind_speed"), out _));
        Assert.True(model.Catalog.TryGet(new Core.Signals.SignalId("coolant-pressure", "loop_fault"), out _));
    }

    [Fact]
    public void An_ascii_device_needs_a_port_of_its_own_and_no_slave_address()
    {
        var file = Site("""
            serial:
              - { port: /dev/ttyUSB0, baud: 4800, parity: none, data_bits: 7 }
            devices:
              - { id: wind, profile: wind-sensor-nmea-mwv, port: /dev/ttyUSB0, slave: 3 }
              - { id: spindle-04, profile: spindle-drive-modbus, port: /dev/ttyUSB0 }
              - { id: balance, profile: balance-mt-sics }
            """);

        var errors = SiteModelLoader.Load(file).Errors;

        Assert.Collection(errors.OrderBy(e => e.Line).ThenBy(e => e.Message, StringComparer.Ordinal),
            e => Assert.Equal((6, "device 'wind' has a slave address, but its profile 'wind-sensor-nmea-mwv' is an ASCII line device"), (e.Line, e.Message)),
            e => Assert.Equal((6, "device 'wind' is an ASCII line device on /dev/ttyUSB0, which also carries spindle-04", "give the ASCII device a serial port of its own"), (e.Line, e.Message, e.Hint)),
            e => Assert.Equal((8, "device 'balance' uses ascii-line profile 'balance-mt-sics' but names no serial port"), (e.Line, e.Message)));
    }

    [Fact]
    public void A_serial_port_takes_seven_data_bits_for_ascii_devices()
    {
        var file = Site("""
            serial:
              - { port: /dev/ttyS0, baud: 9600, parity: even, data_bits: 7 }
              - { port: /dev/ttyS1, data_bits: 9 }
            devices:
              - { id: balance, profile: balance-mt-sics, port: /dev/ttyS0 }
            """);

        var error = Assert.Single(SiteModelLoader.Load(file).Errors);
        Assert.Equal((5, "serial port: data_bits '9' is not a whole number from 7 to 8"), (error.Line, error.Message));
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
