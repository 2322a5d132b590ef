using System.Globalization;
using System.Text.RegularExpressions;
using ValueGuard.Ingest.Serial.Registers;
using ValueGuard.Ingest.Serial.Transport;
using ValueGuard.Simulator.Modbus;
using ValueGuard.Testing;

namespace ValueGuard.Ingest.Serial.Tests.Pty;

/// <summary>
/// Debian's mbpoll, an independent Modbus master, reads the simulator slave over a pty pair, so the simulator
/// (and with it the master tests that rely on it) is checked against someone else's framing. Needs socat and mbpoll.
/// </summary>
public sealed partial class MbpollCrossCheckTests : PtyTest
{
    private readonly RegisterBank bank = new(holding: 100, input: 100, coils: 100, discreteInputs: 100);
    private readonly ModbusSlaveSimulator slave;
    private readonly string mbpoll = ExternalTool.Require("mbpoll", "mbpoll");

    public MbpollCrossCheckTests()
    {
        slave = new ModbusSlaveSimulator(Port(Pty.B), new Dictionary<byte, RegisterBank> { [7] = bank });
    }

    [Fact]
    public async Task Mbpoll_reads_holding_registers_from_the_simulator()
    {
        bank.SetRegisters(ModbusTable.Holding, 0, 1234, 0, 65535, 42);

        var values = await Poll("-t", "4", "-r", "1", "-c", "4");

        Assert.Equal(["1234", "0", "65535", "42"], values);
    }

    [Fact]
    public async Task Mbpoll_reads_a_big_endian_float_and_input_registers()
    {
        bank.SetValue(ModbusTable.Holding, 10, 21.5, RegisterType.Float32, DataOrder.BigEndian);
        bank.SetValue(ModbusTable.Input, 0, -70000, RegisterType.Int32, DataOrder.BigEndian);

        Assert.Equal(["21.5"], await Poll("-t", "4:float", "-B", "-r", "11", "-c", "1"));
        Assert.Equal(["-70000"], await Poll("-t", "3:int", "-B", "-r", "1", "-c", "1"));
    }

    [Fact]
    public async Task Mbpoll_reads_coils_and_gets_illegal_data_address_beyond_the_bank()
    {
        bank.SetBits(ModbusTable.Coil, 0, true, false, true);

        Assert.Equal(["1", "0", "1"], await Poll("-t", "0", "-r", "1", "-c", "3"));
        var (_, output) = await ToolRun.RunAsync(mbpoll, Arguments("-t", "4", "-r", "100", "-c", "2"), TimeSpan.FromSeconds(10));
        Assert.Contains("Illegal data address", output, StringComparison.OrdinalIgnoreCase);
    }

    private string[] Arguments(params string[] read) =>
        ["-m", "rtu", "-a", "7", "-b", "19200", "-P", "none", "-o", "1", .. read, "-1", Pty.A];

    private async Task<string[]> Poll(params string[] read)
    {
        var (exit, output) = await ToolRun.RunAsync(mbpoll, Arguments(read), TimeSpan.FromSeconds(10));
        Assert.True(exit == 0, $"mbpoll exited with {exit}: {output}");
        return [.. ValueLine().Matches(output).Select(m => m.Groups["value"].Value.Trim())];
    }

    [GeneratedRegex(@"^\[\d+\]:\s+(?<value>\S+)", RegexOptions.Multiline, 1000)]
    private static partial Regex ValueLine();

    public override void Dispose()
    {
        slave.Dispose();
        base.Dispose();
    }
}
