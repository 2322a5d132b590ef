using System.CommandLine;
using ValueGuard.Cli.Probe;
using ValueGuard.Core.Quantities;
using ValueGuard.Ingest.Serial.Polling;
using ValueGuard.Ingest.Serial.Registers;
using ValueGuard.Ingest.Serial.Transport;

namespace ValueGuard.Cli.Commands;

/// <summary>
/// <c>valueguard probe serial --port PATH …</c>: commissioning of a Modbus RTU bus. <c>--scan</c> finds the slaves that
/// answer, <c>--read</c> reads registers once, <c>--profile</c> reads a device profile's whole register map,
/// <c>--listen --profile</c> reads an ASCII device's lines with its profile.
/// </summary>
internal static class ProbeSerialCommand
{
    public static Command Create()
    {
        var port = new Option<string>("--port") { Description = "The serial device, e.g. /dev/serial/by-id/usb-FTDI_…", Required = true };
        var baud = new Option<int>("--baud") { Description = "Line speed", DefaultValueFactory = _ => 19200 };
        var parity = new Option<string>("--parity") { Description = "none, even or odd", DefaultValueFactory = _ => "even" };
        parity.AcceptOnlyFromAmong("none", "even", "odd");
        var stopBits = new Option<int>("--stop-bits") { Description = "1 or 2", DefaultValueFactory = _ => 1 };
        stopBits.AcceptOnlyFromAmong("1", "2");
        var timeout = new Option<string>("--timeout") { Description = "How long a slave has to answer", DefaultValueFactory = _ => "200ms" };
        var retries = new Option<int>("--retries") { Description = "Further attempts after no or a garbled answer", DefaultValueFactory = _ => 1 };
        var scan = new Option<bool>("--scan") { Description = "Find the slave ids that answer" };
        var from = new Option<int>("--from") { Description = "First slave id to scan", DefaultValueFactory = _ => 1 };
        var to = new Option<int>("--to") { Description = "Last slave id to scan", DefaultValueFactory = _ => 247 };
        var slave = new Option<int?>("--slave") { Description = "The slave id to read from (1..247)" };
        var read = new Option<string?>("--read") { Description = "TABLE:ADDRESS:COUNT, table holding, input, coil or discrete; e.g. holding:0:6" };
        var type = new Option<string>("--type") { Description = "How registers read as numbers", DefaultValueFactory = _ => "uint16" };
        type.AcceptOnlyFromAmong([.. Enum.GetNames<RegisterType>().Select(n => n.ToLowerInvariant())]);
        var wordOrder = new Option<string>("--word-order") { Description = "big: first register most significant", DefaultValueFactory = _ => "big" };
        wordOrder.AcceptOnlyFromAmong("big", "little");
        var byteOrder = new Option<string>("--byte-order") { Description = "little: bytes swapped inside each register", DefaultValueFactory = _ => "big" };
        byteOrder.AcceptOnlyFromAmong("big", "little");
        var profile = new Option<string?>("--profile") { Description = "Read every register of this device profile" };
        var profiles = new Option<string?>("--profiles") { Description = "Folder of device profiles (default: the shipped device-profiles)" };
        var listen = new Option<bool>("--listen") { Description = "Read an ASCII device's lines with its --profile (transport ascii-line)" };
        var listenFor = new Option<string>("--for") { Description = "With --listen: how long to listen", DefaultValueFactory = _ => "10s" };
        var lines = new Option<int>("--lines") { Description = "With --listen: stop after this many decoded lines (0: listen the whole --for)", DefaultValueFactory = _ => 0 };
        var format = new Option<string>("--format") { Description = "table or json", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");

        var dataBits = new Option<int>("--data-bits") { Description = "7 or 8", DefaultValueFactory = _ => 8 };
        dataBits.AcceptOnlyFromAmong("7", "8");
        var serial = new Command("serial", "Probe a serial line: scan a Modbus RTU bus for slaves, read registers, read a device profile's register map, or listen to an ASCII device")
        {
            port, baud, parity, stopBits, dataBits, timeout, retries, scan, from, to, slave, read, type, wordOrder, byteOrder, profile, profiles, listen, listenFor, lines, format,
        };
        serial.SetAction(async (parse, ct) =>
        {
            var output = Console.Out;
            if (!DurationSyntax.TryParse(parse.GetValue(timeout), out var answerTimeout) || answerTimeout <= TimeSpan.Zero)
                return Usage($"--timeout '{parse.GetValue(timeout)}': {DurationSyntax.Hint}");
            SerialLineSettings line;
            try
            {
                line = new SerialLineSettings(parse.GetValue(port)!, parse.GetValue(baud), SiteModbusBuses.ParseParity(parse.GetValue(parity)!),
                    parse.GetValue(stopBits) == 2 ? System.IO.Ports.StopBits.Two : System.IO.Ports.StopBits.One, parse.GetValue(dataBits));
                line.Validate();
            }
            catch (ArgumentException e)
            {
                return Usage(e.Message);
            }
            if (parse.GetValue(listen))
            {
                if (!DurationSyntax.TryParse(parse.GetValue(listenFor), out var during) || during <= TimeSpan.Zero)
                    return Usage($"--for '{parse.GetValue(listenFor)}': {DurationSyntax.Hint}");
                if (parse.GetValue(profile) is not { } asciiName) return Usage("--listen needs --profile NAME of a transport ascii-line profile");
                var folder = parse.GetValue(profiles) ?? DefaultProfiles();
                var found = LoadProfiles(folder);
                if (found.FirstOrDefault(p => p.Name == asciiName && p.Ascii is not null) is not { } asciiProfile)
                    return Usage($"--profile: no ascii-line profile '{asciiName}' in {folder} (known: {string.Join(", ", found.Where(p => p.Ascii is not null).Select(p => p.Name).Order(StringComparer.Ordinal))}); give the folder with --profiles");
                return await new AsciiProbe(line, output).ListenAsync(asciiProfile, during, Math.Max(0, parse.GetValue(lines)), ct).ConfigureAwait(false);
            }
            var probe = new SerialProbe(line, answerTimeout, parse.GetValue(retries), output);
            if (parse.GetValue(scan))
            {
                var (first, last) = (parse.GetValue(from), parse.GetValue(to));
                if (first is < 1 or > 247 || last is < 1 or > 247 || first > last) return Usage("--from and --to are slave ids 1..247, --from not after --to");
                return await probe.ScanAsync((byte)first, (byte)last, interactive: !Console.IsOutputRedirected, ct).ConfigureAwait(false);
            }
            if (parse.GetValue(slave) is not { } id || id is < 1 or > 247) return Usage("give --scan, or --slave 1..247 with --read or --profile");
            var json = parse.GetValue(format) == "json";
            if (parse.GetValue(read) is { } what)
            {
                if (!RegisterRange.TryParse(what, out var range, out var problem)) return Usage($"--read '{what}': {problem}");
                var registerType = Enum.Parse<RegisterType>(parse.GetValue(type)!, ignoreCase: true);
                var order = new DataOrder(Order(parse.GetValue(wordOrder)!), Order(parse.GetValue(byteOrder)!));
                return await probe.ReadAsync((byte)id, range, registerType, order, json, ct).ConfigureAwait(false);
            }
            if (parse.GetValue(profile) is { } name)
                return await probe.ReadProfileAsync((byte)id, name, parse.GetValue(profiles) ?? DefaultProfiles(), json, ct).ConfigureAwait(false);
            return Usage("with --slave, give --read TABLE:ADDRESS:COUNT or --profile NAME");
        });
        return new Command("probe", "Commissioning checks of field connections") { serial, ProbeMqttCommand.Create() };
    }

    private static List<Configuration.Profiles.DeviceProfile> LoadProfiles(string folder) => Directory.Exists(folder)
        ? [.. Directory.EnumerateFiles(folder, "*.yaml").Select(Configuration.Profiles.DeviceProfileLoader.LoadFile).Select(r => r.Value).OfType<Configuration.Profiles.DeviceProfile>()]
        : [];

    private static Endianness Order(string order) => order == "little" ? Endianness.Little : Endianness.Big;

    private static string DefaultProfiles()
    {
        var shipped = Path.Combine(AppContext.BaseDirectory, "device-profiles");
        return Directory.Exists(shipped) ? shipped : "device-profiles";
    }

    private static int Usage(string message)
    {
        Console.Error.WriteLine(message);
        return 2;
    }
}
