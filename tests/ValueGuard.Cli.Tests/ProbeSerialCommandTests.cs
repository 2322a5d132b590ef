using System.IO.Ports;
using System.Text.Json;
using ValueGuard.Ingest.Serial.Ascii;
using ValueGuard.Ingest.Serial.Registers;
using ValueGuard.Ingest.Serial.Transport;
using ValueGuard.Simulator.Modbus;
using ValueGuard.Testing;

namespace ValueGuard.Cli.Tests;

/// <summary><c>valueguard probe serial</c> as a child process against the simulator slave over a socat pty pair (needs socat).</summary>
public sealed class ProbeSerialCommandTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly TempDirectory dir = new();
    private readonly PtyPair pty;
    private ModbusSlaveSimulator? simulator;

    public ProbeSerialCommandTests()
    {
        pty = new PtyPair(dir.Path);
    }

    private void Simulate(Dictionary<byte, RegisterBank> slaves) =>
        simulator = new ModbusSlaveSimulator(SerialLines.Open(new SerialLineSettings(pty.B, 19200, Parity.None)), slaves);

    private Task<CliProcess.Result> Probe(params string[] args) =>
        CliProcess.RunAsync(Deadline, ["probe", "serial", "--port", pty.A, "--baud", "19200", "--parity", "none", .. args]);

    [Fact]
    public async Task Scan_finds_exactly_the_simulated_slave_ids()
    {
        Simulate(new() { [3] = new RegisterBank(), [7] = new RegisterBank(holding: 0) });

        var run = await Probe("--scan", "--from", "1", "--to", "9", "--timeout", "250ms", "--retries", "1");

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Equal(["slave 3: answers", "slave 7: answers"], run.Stdout.Split('\n').Where(l => l.StartsWith("slave ", StringComparison.Ordinal)));
        Assert.Contains($"found 2 slave(s) on {pty.A}: 3, 7", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_prints_each_decoded_float_with_its_address_and_raw_registers()
    {
        var bank = new RegisterBank();
        bank.SetValue(ModbusTable.Holding, 0, 21.5, RegisterType.Float32, DataOrder.BigEndian);
        bank.SetValue(ModbusTable.Holding, 2, -3.25, RegisterType.Float32, DataOrder.BigEndian);
        Simulate(new() { [4] = bank });

        var table = await Probe("--slave", "4", "--read", "holding:0:4", "--type", "float32");
        var json = await Probe("--slave", "4", "--read", "holding:0:4", "--type", "float32", "--format", "json");

        Assert.True(table.ExitCode == 0, table.Stdout + table.Stderr);
        Assert.Matches(@"│ 0\s+│ 41AC 0000\s+│ 21\.5\s+│", table.Stdout);
        Assert.Matches(@"│ 2\s+│ C050 0000\s+│ -3\.25\s+│", table.Stdout);
        using var values = JsonDocument.Parse(json.Stdout);
        Assert.Equal([(0, "41AC 0000", 21.5), (2, "C050 0000", -3.25)], values.RootElement.EnumerateArray()
            .Select(v => (v.GetProperty("address").GetInt32(), string.Join(' ', v.GetProperty("raw").EnumerateArray().Select(r => r.GetString())), v.GetProperty("value").GetDouble())));
    }

    [Fact]
    public async Task Read_with_little_word_order_swaps_the_registers()
    {
        var bank = new RegisterBank();
        bank.SetValue(ModbusTable.Input, 10, 1234.5, RegisterType.Float32, new DataOrder(Endianness.Little, Endianness.Big));
        Simulate(new() { [4] = bank });

        var run = await Probe("--slave", "4", "--read", "input:10:2", "--type", "float32", "--word-order", "little", "--format", "json");

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        using var values = JsonDocument.Parse(run.Stdout);
        Assert.Equal(1234.5, values.RootElement[0].GetProperty("value").GetDouble());
    }

    [Fact]
    public async Task Profile_reads_the_shipped_spindle_drive_register_map()
    {
        var bank = new RegisterBank();
        bank.SetValue(ModbusTable.Holding, 0, 36.5, RegisterType.Float32, DataOrder.BigEndian);
        bank.SetRegisters(ModbusTable.Holding, 2, 1);
        bank.SetValue(ModbusTable.Holding, 3, 123456, RegisterType.UInt32, new DataOrder(Endianness.Little, Endianness.Big));
        bank.SetRegisters(ModbusTable.Input, 0, 0b1000);
        bank.SetValue(ModbusTable.Input, 1, 655, RegisterType.Int16, DataOrder.BigEndian);
        Simulate(new() { [12] = bank });

        var run = await Probe("--slave", "12", "--profile", "spindle-drive-modbus", "--profiles", RepoPaths.DeviceProfiles, "--format", "json");

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        using var values = JsonDocument.Parse(run.Stdout);
        Assert.Equal(
            [("temperature", 36.5), ("running", 1), ("parts", 123456), ("door_open", 1), ("load", 60.5)],
            values.RootElement.EnumerateArray().Select(v => (v.GetProperty("signal").GetString(), Math.Round(v.GetProperty("value").GetDouble(), 6))));
    }

    [Fact]
    public async Task A_slave_that_does_not_answer_is_explained_with_what_to_check()
    {
        Simulate(new() { [4] = new RegisterBank() });

        var run = await Probe("--slave", "5", "--read", "holding:0:1", "--timeout", "50ms");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("no answer from slave 5: check id, wiring (A/B swapped?), termination, baud", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_exception_response_is_explained_by_its_meaning()
    {
        Simulate(new() { [4] = new RegisterBank(holding: 10) });

        var run = await Probe("--slave", "4", "--read", "holding:8:4");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("slave 4 refused the request: exception 02, illegal data address", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answers_with_a_bad_crc_are_explained_as_a_baud_or_parity_mismatch()
    {
        // A slave at another baud rate or parity: frames of the right length arrive, their CRC does not check.
        using var line = SerialLines.Open(new SerialLineSettings(pty.B, 19200, Parity.None));
        using var stop = new CancellationTokenSource();
        var answers = 0;
        var garbler = Task.Factory.StartNew(() =>
        {
            var request = new byte[8];
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    if (line.Read(request, TimeSpan.FromMilliseconds(50)) == 0) continue;
                    line.Write([4, 3, 2, 0x12, 0x34, 0xDE, 0xAD]);
                    Interlocked.Increment(ref answers);
                }
            }
            catch (IOException)
            {
                // socat hangs up the pair once the probe has closed its end.
            }
        }, TaskCreationOptions.LongRunning);

        var run = await Probe("--slave", "4", "--read", "holding:0:1", "--timeout", "500ms");
        await stop.CancelAsync();
        await garbler;

        Assert.Equal(1, run.ExitCode);
        Assert.True(answers > 0, run.Stdout);
        Assert.Contains("garbled answers from slave 4: check baud rate and parity", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Listen_prints_the_decoded_lines_of_an_ascii_device_and_counts_the_rejected_ones()
    {
        using var sensor = SerialLines.Open(new SerialLineSettings(pty.B, 19200, Parity.None));
        var good = NmeaChecksum.Seal("$WIMWV,39,R,1.3,M,A") + "\r\n";
        var burst = System.Text.Encoding.ASCII.GetBytes("$WIMWV,39,R,1.3,M,A*00\r\n" + good);

        var probing = Probe("--listen", "--profile", "wind-sensor-nmea-mwv", "--profiles", RepoPaths.DeviceProfiles, "--lines", "2", "--for", "20s");
        // The sensor keeps sending, as a real one does, until the probe has what it asked for.
        while (!probing.IsCompleted)
        {
            sensor.Write(burst);
            await Task.Delay(100);
        }
        var run = await probing;

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Contains("wind_direction=39 deg, wind_speed=1.3 m/s", run.Stdout, StringComparison.Ordinal);
        var summary = System.Text.RegularExpressions.Regex.Match(run.Stdout, @"(\d+) line\(s\) decoded; rejected: 0 garbage, 0 over-long, (\d+) bad checksum, 0 not matching the profile");
        Assert.True(summary.Success, run.Stdout);
        Assert.True(int.Parse(summary.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 2, run.Stdout);
        Assert.True(int.Parse(summary.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) >= 1, run.Stdout);
    }

    [Fact]
    public async Task Listen_to_a_silent_line_says_what_to_check()
    {
        var run = await Probe("--listen", "--profile", "wind-sensor-nmea-mwv", "--profiles", RepoPaths.DeviceProfiles, "--for", "1s");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("0 line(s) decoded", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("nothing arrived: check wiring (TX/RX crossed? RS-485 A/B swapped?)", run.Stdout, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        simulator?.Dispose();
        pty.Dispose();
        dir.Dispose();
    }
}
