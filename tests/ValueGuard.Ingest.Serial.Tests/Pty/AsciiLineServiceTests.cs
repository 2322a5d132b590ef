using System.Text;
using ValueGuard.Configuration.Profiles;
using ValueGuard.Ingest.Serial.Ascii;
using ValueGuard.Ingest.Serial.Tests.Fakes;
using ValueGuard.Ingest.Serial.Transport;
using ValueGuard.Testing;

namespace ValueGuard.Ingest.Serial.Tests.Pty;

/// <summary>
/// The hosted ASCII reader with the shipped NMEA wind sensor profile, fed through socat pty pairs (needs socat):
/// good lines are stored, bad ones counted and skipped, and the line is opened again after it goes away.
/// </summary>
public sealed class AsciiLineServiceTests : PtyTest
{
    private static readonly DeviceProfile Wind =
        DeviceProfileLoader.LoadFile(Path.Combine(RepoPaths.DeviceProfiles, "wind-sensor-nmea-mwv.yaml")).Value!;

    private readonly MemoryStore store = new();
    private readonly LogRecorder log = new();

    private AsciiLineService Service(string port) =>
        new(new AsciiDeviceLine(Line(port), "roof-wind", Wind) { MinReopenDelay = TimeSpan.FromMilliseconds(100) }, store, TimeProvider.System, log.Factory());

    private static byte[] Mwv(double angle, double speed, string status = "A") =>
        Encoding.ASCII.GetBytes(NmeaChecksum.Seal(FormattableString.Invariant($"$WIMWV,{angle},R,{speed:0.0},M,{status}")) + "\r\n");

    private double[] Speeds() => [.. store.Samples.Where(s => s.Signal.Signal == "wind_speed").Select(s => s.Value)];

    [Fact]
    public async Task Good_lines_are_stored_and_garbage_bad_checksums_overlong_and_truncated_lines_are_counted_and_skipped()
    {
        var service = Service(Pty.A);
        await service.StartAsync(CancellationToken.None);
        await Eventually.WaitFor(() => service.LineOpens == 1, "the line to open");
        using var sensor = Port(Pty.B);

        var good = Mwv(39, 1.3);
        var tampered = Mwv(61, 1.0).ToArray();
        tampered[8] = (byte)'7'; // one digit changed on the wire: the checksum no longer matches
        byte[][] stream =
        [
            good,
            [0x00, 0xFF, 0x13, 0x80, (byte)'\r', (byte)'\n'],      // noise burst
            Mwv(45, 2.5),
            tampered,
            Encoding.ASCII.GetBytes(new string('7', 300) + "\r\n"), // terminator lost in a burst: longer than NMEA's 82
            [.. Mwv(50, 3.5)[..12], (byte)'\r', (byte)'\n'],        // bytes lost on the wire: the sentence ends early
            Mwv(51, 4.5),
            Encoding.ASCII.GetBytes(NmeaChecksum.Seal("$WIMWV,,R,,M,V") + "\r\n"), // invalid reading: fields empty
            Mwv(52, 5.5),
        ];
        foreach (var part in stream) sensor.Write(part);

        await Eventually.WaitFor(() => service.SamplesStored == 8, "four good sentences stored", seconds: 10);
        await service.StopAsync(CancellationToken.None);

        Assert.Equal([1.3, 2.5, 4.5, 5.5], Speeds());
        Assert.Equal([39.0, 45, 51, 52], store.Samples.Where(s => s.Signal.Signal == "wind_direction").Select(s => s.Value));
        Assert.All(store.Samples, s => Assert.Equal("roof-wind", s.Signal.Device));
        Assert.Equal((1L, 1L, 2L, 1L), (service.Counters.Garbage, service.Counters.Overlong, service.Counters.BadChecksum, service.Counters.Unmatched));
        Assert.Equal(8, service.SamplesStored);
        Assert.NotEmpty(log.Named("AsciiLinesRejected"));
    }

    [Fact]
    public async Task A_port_missing_at_start_and_one_that_goes_away_are_opened_again_and_reading_resumes()
    {
        var port = Temp.File("wind-a");
        var service = Service(port);
        await service.StartAsync(CancellationToken.None);
        await Eventually.WaitFor(() => log.Named("SerialLineUnavailable").Any(), "the missing port to be reported");

        var first = new PtyPair(Temp.Path, "wind");
        await Eventually.WaitFor(() => service.LineOpens == 1, "the port to open once it exists", seconds: 10);
        using (var sensor = Port(first.B)) sensor.Write(Mwv(10, 1.5));
        await Eventually.WaitFor(() => Speeds().Contains(1.5), "a reading from the first adapter", seconds: 10);

        first.Dispose(); // unplugged; udev removes the link, socat leaves its own behind
        File.Delete(first.A);
        File.Delete(first.B);
        await Eventually.WaitFor(() => log.Named("SerialLineLost").Any(), "the lost line to be reported", seconds: 10);
        using var second = new PtyPair(Temp.Path, "wind");
        await Eventually.WaitFor(() => service.LineOpens == 2, "the port to open again", seconds: 10);
        using (var sensor = Port(second.B)) sensor.Write(Mwv(20, 2.5));
        await Eventually.WaitFor(() => Speeds().Contains(2.5), "a reading after the port came back", seconds: 10);
        await service.StopAsync(CancellationToken.None);

        Assert.Equal([1.5, 2.5], Speeds());
    }

    [Fact]
    public async Task A_stable_link_is_resolved_and_logged_at_open_and_a_new_target_after_re_enumeration_is_followed()
    {
        var byId = Directory.CreateDirectory(Temp.File("by-id")).FullName;
        var link = Path.Combine(byId, "usb-Prolific_PL2303-if00-port0");
        File.CreateSymbolicLink(link, Pty.A);
        var ttyBefore = SerialPortPath.Resolve(Pty.A)!;
        var service = Service(link);
        await service.StartAsync(CancellationToken.None);
        await Eventually.WaitFor(() => service.LineOpens == 1, "the line to open through the link");
        using (var sensor = Port(Pty.B)) sensor.Write(Mwv(10, 1.5));
        await Eventually.WaitFor(() => Speeds().Contains(1.5), "a reading through the link", seconds: 10);

        // Re-enumeration: the adapter comes back as another tty and udev points the by-id link at it.
        using var other = new PtyPair(Temp.Path, "other");
        var ttyAfter = SerialPortPath.Resolve(other.A)!;
        Pty.Dispose();
        File.Delete(link);
        File.CreateSymbolicLink(link, other.A);
        await Eventually.WaitFor(() => service.LineOpens == 2, "the line to open again through the link", seconds: 10);
        using (var sensor = Port(other.B)) sensor.Write(Mwv(20, 2.5));
        await Eventually.WaitFor(() => Speeds().Contains(2.5), "a reading from the re-enumerated adapter", seconds: 10);
        await service.StopAsync(CancellationToken.None);

        Assert.NotEqual(ttyBefore, ttyAfter);
        Assert.Equal([ttyBefore, ttyAfter], log.Named("SerialLineOpened").Select(e => e.Properties["Device"]));
        Assert.All(log.Named("SerialLineOpened"), e => Assert.Equal(link, e.Properties["Port"]));
        var moved = Assert.Single(log.Named("SerialLineReenumerated"));
        Assert.Equal((ttyAfter, ttyBefore), (moved.Properties["Device"], moved.Properties["PreviousDevice"]));
        Assert.Empty(log.Named("SerialPortNameUnstable"));
    }

    [Fact]
    public async Task A_kernel_tty_name_is_opened_but_warned_about()
    {
        var tty = SerialPortPath.Resolve(Pty.A)!;
        var service = Service(tty);
        await service.StartAsync(CancellationToken.None);
        await Eventually.WaitFor(() => service.LineOpens == 1, "the line to open");
        await service.StopAsync(CancellationToken.None);

        Assert.Equal(tty, Assert.Single(log.Named("SerialPortNameUnstable")).Properties["Port"]);
    }
}
