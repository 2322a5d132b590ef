using System.Globalization;
using ValueGuard.Configuration.Profiles;
using ValueGuard.Ingest.Serial.Ascii;
using ValueGuard.Ingest.Serial.Transport;

namespace ValueGuard.Cli.Probe;

/// <summary>
/// <c>valueguard probe serial --listen --profile NAME</c>: reads an ASCII device's line for a while with its profile and
/// prints every decoded line, then what was rejected and what that points to on site.
/// </summary>
internal sealed class AsciiProbe(SerialLineSettings line, TextWriter output, TimeProvider? time = null)
{
    public async Task<int> ListenAsync(DeviceProfile profile, TimeSpan listenFor, int maxLines, CancellationToken ct)
    {
        ISerialLine serial;
        try
        {
            serial = SerialLines.Open(line);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            output.WriteLine($"cannot open {line.PortName}: {e.Message}: check the device path (ls -l /dev/serial/by-id) and that no other program holds the port");
            return 1;
        }
        using var _ = serial;
        var reader = new AsciiDeviceLine(line, profile.Name, profile).CreateReader();
        output.WriteLine($"listening on {line.PortName} ({SerialPortPath.Resolve(line.PortName) ?? line.PortName}) for {listenFor.TotalSeconds:0.#} s with profile {profile.Name}");
        var units = profile.Signals.Values.ToDictionary(s => s.Name, s => s.Unit, StringComparer.Ordinal);
        var buffer = new byte[1024];
        long bytes = 0;
        var clock = time ?? TimeProvider.System;
        var started = clock.GetTimestamp();
        try
        {
            while (clock.GetElapsedTime(started) < listenFor && (maxLines == 0 || reader.Counters.Decoded < maxLines) && !ct.IsCancellationRequested)
            {
                // Blocking reads of at most 100 ms on a worker thread keep ctrl-c responsive.
                var read = await Task.Run(() => serial.Read(buffer, TimeSpan.FromMilliseconds(100)), ct).ConfigureAwait(false);
                bytes += read;
                foreach (var group in reader.Feed(buffer.AsSpan(0, read), clock.GetUtcNow()).GroupBy(s => s.Timestamp))
                    output.WriteLine(string.Join(", ", group.Select(s => Shown(s.Signal.Signal, s.Value, units.GetValueOrDefault(s.Signal.Signal)))));
            }
        }
        catch (IOException e)
        {
            output.WriteLine($"the serial line failed: {e.Message}: check the adapter and its cable");
            return 1;
        }
        var c = reader.Counters;
        output.WriteLine($"{c.Decoded} line(s) decoded; rejected: {c.Garbage} garbage, {c.Overlong} over-long, {c.BadChecksum} bad checksum, {c.Unmatched} not matching the profile");
        if (Hint(bytes, c) is { } hint) output.WriteLine(hint);
        return c.Decoded > 0 ? 0 : 1;
    }

    private static string Shown(string signal, double value, string? unit) =>
        string.Create(CultureInfo.InvariantCulture, $"{signal}={Math.Round(value, 9)}{(unit is null ? "" : " " + unit)}");

    /// <summary>What the rejections point to on site.</summary>
    private static string? Hint(long bytes, AsciiLineCounters c)
    {
        if (bytes == 0) return "nothing arrived: check wiring (TX/RX crossed? RS-485 A/B swapped?), that the device is set to send by itself, and the port";
        if (c.Decoded == 0 && c.Garbage + c.BadChecksum > 0) return "the bytes do not read as text: check baud rate, parity and data bits";
        if (c.Decoded == 0 && c.Overlong > 0 && c.Garbage + c.BadChecksum + c.Unmatched == 0) return "no line ended: check the profile's terminator and max_line_length";
        if (c.Decoded == 0 && c.Unmatched > 0) return "lines arrive but none matches the profile's pattern: compare a line with the pattern (units, sentence type, status field)";
        return null;
    }
}
