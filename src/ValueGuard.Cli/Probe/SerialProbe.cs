using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Spectre.Console;
using ValueGuard.Configuration.Profiles;
using ValueGuard.Ingest.Serial.Modbus;
using ValueGuard.Ingest.Serial.Polling;
using ValueGuard.Ingest.Serial.Registers;
using ValueGuard.Ingest.Serial.Transport;

namespace ValueGuard.Cli.Probe;

/// <summary>
/// The checks of <c>valueguard probe serial</c> on one opened line. Every failure is told as what to check on site,
/// not as an exception: no answer, garbled answers, or the slave's exception response.
/// </summary>
internal sealed class SerialProbe(SerialLineSettings line, TimeSpan timeout, int retries, TextWriter output)
{
    public async Task<int> ScanAsync(byte first, byte last, bool interactive, CancellationToken ct)
    {
        using var master = Open();
        if (master is null) return 1;
        var found = new List<byte>();
        async Task Probe(byte slave)
        {
            try
            {
                await master.ReadHoldingRegistersAsync(slave, 0, 1, ct).ConfigureAwait(false);
                found.Add(slave);
            }
            catch (ModbusSlaveException)
            {
                found.Add(slave); // refused, but it is there
            }
            catch (ModbusTimeoutException)
            {
                return;
            }
            if (!interactive) output.WriteLine($"slave {slave}: answers");
        }
        if (interactive)
        {
            await AnsiConsole.Progress().StartAsync(async context =>
            {
                var task = context.AddTask($"Scanning {line.PortName}", maxValue: last - first + 1);
                for (var slave = first; slave <= last; slave++)
                {
                    task.Description = $"Scanning {line.PortName}: slave {slave}, {found.Count} found";
                    await Probe(slave).ConfigureAwait(false);
                    task.Increment(1);
                }
            }).ConfigureAwait(false);
        }
        else
        {
            for (var slave = first; slave <= last; slave++) await Probe(slave).ConfigureAwait(false);
        }
        if (Garbled(master.Counters) > 0)
            output.WriteLine($"{master.Counters.CrcErrors} garbled answer(s): check baud rate and parity");
        if (found.Count == 0)
        {
            output.WriteLine($"no slave answered on {line.PortName} from {first} to {last}: check wiring (A/B swapped?), termination, baud and parity");
            return 1;
        }
        output.WriteLine($"found {found.Count} slave(s) on {line.PortName}: {string.Join(", ", found)}");
        return 0;
    }

    public async Task<int> ReadAsync(byte slave, RegisterRange range, RegisterType type, DataOrder order, bool json, CancellationToken ct)
    {
        var bits = range.Table is ModbusTable.Coil or ModbusTable.DiscreteInput;
        var width = bits ? 1 : RegisterCodec.WordCount(type);
        if (range.Count % width != 0)
        {
            Console.Error.WriteLine($"--read: {range.Count} registers do not divide into {type} values of {width} registers each");
            return 2;
        }
        using var master = Open();
        if (master is null) return 1;
        ushort[] words;
        try
        {
            words = await master.ReadTableAsync(slave, range.Table, range.Address, range.Count, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ModbusSlaveException or ModbusTimeoutException or ModbusSlaveUnavailableException or IOException)
        {
            output.WriteLine(Explain(e, slave, master.Counters));
            return 1;
        }
        var rows = new List<ProbeValue>();
        for (var i = 0; i < words.Length; i += width)
        {
            var part = words.AsSpan(i, width);
            var value = bits ? part[0] : RegisterCodec.Decode(part, type, order);
            rows.Add(new ProbeValue(range.Address + i, [.. part.ToArray().Select(w => bits ? w.ToString(CultureInfo.InvariantCulture) : w.ToString("X4", CultureInfo.InvariantCulture))], Round(value, type)));
        }
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(rows, ProbeValue.Json));
            return 0;
        }
        // A title line of its own: Spectre wraps a table title to the table's width.
        output.WriteLine($"slave {slave} on {line.PortName}, {range.Table.ToString().ToLowerInvariant()} {range.Address}..{range.Address + range.Count - 1} as {type.ToString().ToLowerInvariant()} ({order})");
        var table = new Table().AddColumns("Address", "Raw", "Value");
        foreach (var row in rows)
            table.AddRow(row.Address.ToString(CultureInfo.InvariantCulture), string.Join(' ', row.Raw), row.Value.ToString(CultureInfo.InvariantCulture));
        PlainConsole(output).Write(table);
        return 0;
    }

    public async Task<int> ReadProfileAsync(byte slave, string name, string profileDirectory, bool json, CancellationToken ct)
    {
        var profiles = Directory.Exists(profileDirectory)
            ? Directory.EnumerateFiles(profileDirectory, "*.yaml").Select(DeviceProfileLoader.LoadFile).Select(r => r.Value).OfType<DeviceProfile>().ToList()
            : [];
        var profile = profiles.FirstOrDefault(p => p.Name == name);
        if (profile?.Modbus is null)
        {
            var known = profiles.Where(p => p.Modbus is not null).Select(p => p.Name).Order(StringComparer.Ordinal);
            Console.Error.WriteLine($"--profile: no modbus-rtu profile '{name}' in {profileDirectory} (known: {string.Join(", ", known)}); give the folder with --profiles");
            return 2;
        }
        using var master = Open();
        if (master is null) return 1;
        var poller = new ModbusDevicePoller(ProfileRegisterMap.ToModbusDevice(profile, name, slave));
        var result = await poller.PollAsync(master, TimeProvider.System, ct).ConfigureAwait(false);
        var values = result.Samples.ToDictionary(s => s.Signal.Signal, s => s.Value, StringComparer.Ordinal);
        if (json)
        {
            var rows = profile.Modbus.Registers.Select(r => new { signal = r.Signal, register = profile.Signals[r.Signal].Field, value = values.TryGetValue(r.Signal, out var v) ? v : (double?)null, unit = profile.Signals[r.Signal].Unit });
            output.WriteLine(JsonSerializer.Serialize(rows, ProbeValue.Json));
        }
        else
        {
            output.WriteLine($"{name}, slave {slave} on {line.PortName}");
            var table = new Table().AddColumns("Signal", "Register", "Value", "Unit");
            foreach (var register in profile.Modbus.Registers)
            {
                var signal = profile.Signals[register.Signal];
                table.AddRow(Markup.Escape(register.Signal), Markup.Escape(signal.Field),
                    values.TryGetValue(register.Signal, out var v) ? Round(v, RegisterType.Float64).ToString(CultureInfo.InvariantCulture) : "-", Markup.Escape(signal.Unit ?? ""));
            }
            PlainConsole(output).Write(table);
        }
        if (result.InvalidValues > 0)
            output.WriteLine($"{result.InvalidValues} value(s) outside their register's valid limits are shown as '-' and would not be stored (a 4-20 mA loop at or beyond its NE 43 failure currents?)");
        foreach (var failure in result.Failures.DistinctBy(f => f.Message)) output.WriteLine(Explain(failure, slave, master.Counters));
        return result.Failures.Count == 0 ? 0 : 1;
    }

    private ModbusRtuMaster? Open()
    {
        try
        {
            var options = new ModbusMasterOptions { ResponseTimeout = timeout, Retries = retries };
            return new ModbusRtuMaster(SerialLines.Open(line), options, TimeProvider.System, NullLogger<ModbusRtuMaster>.Instance);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            output.WriteLine($"cannot open {line.PortName}: {e.Message}: check the device path (ls -l /dev/serial/by-id) and that no other program holds the port");
            return null;
        }
    }

    /// <summary>What went wrong, in terms of what to check on site.</summary>
    public static string Explain(Exception failure, byte slave, ModbusBusCounters counters) => failure switch
    {
        ModbusSlaveException refused => $"slave {slave} refused the request: exception {(byte)refused.Code:X2}, {ModbusSlaveException.Describe(refused.Code)}",
        ModbusTimeoutException or ModbusSlaveUnavailableException when Garbled(counters) > 0 => $"garbled answers from slave {slave}: check baud rate and parity",
        ModbusTimeoutException or ModbusSlaveUnavailableException => $"no answer from slave {slave}: check id, wiring (A/B swapped?), termination, baud",
        _ => $"the serial line failed: {failure.Message}: check the adapter and its cable",
    };

    private static long Garbled(ModbusBusCounters counters) => counters.CrcErrors;

    // A float32 printed as a double shows its binary noise (21.3 becomes 21.299999237060547).
    private static double Round(double value, RegisterType type) =>
        type == RegisterType.Float32 ? double.Parse(((float)value).ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : Math.Round(value, 9);

    private static IAnsiConsole PlainConsole(TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        console.Profile.Width = 120;
        return console;
    }
}
