using System.Buffers.Binary;
using CsCheck;
using Microsoft.Extensions.Logging.Abstractions;
using ValueGuard.Ingest.Serial.Modbus;

namespace ValueGuard.FaultTests.HostileInput;

/// <summary>
/// A Modbus RTU master on a line full of noise: it never returns wrong values, never throws anything but the
/// documented Modbus exceptions, and finds a genuine answer behind any amount of garbage that fits its buffer.
/// </summary>
public sealed class ModbusNoiseTests
{
    private static readonly ModbusMasterOptions Options = new()
    {
        ResponseTimeout = TimeSpan.FromMilliseconds(40), Retries = 0, MinBackoff = TimeSpan.FromMilliseconds(1), MaxBackoff = TimeSpan.FromMilliseconds(1),
    };

    [Fact]
    public async Task Random_answers_give_a_Modbus_error_or_the_registers_that_were_sent()
    {
        await Gen.Select(Gen.Byte.Array[0, 300], Gen.Bool).SampleAsync(async (garbage, appendGenuine) =>
        {
            ushort[] registers = [0x1234, 0xBEEF, 7];
            using var master = Master(request => appendGenuine ? [.. garbage, .. Answer(request, registers)] : garbage);
            try
            {
                var read = await master.ReadHoldingRegistersAsync(1, 0, 3, CancellationToken.None);
                Assert.Equal(registers, read);
            }
            catch (Exception e) when (e is ModbusTimeoutException or ModbusSlaveException or ModbusSlaveUnavailableException)
            {
                // Garbage alone may time out or look like an exception answer; either is a clean, documented failure.
                Assert.False(appendGenuine && garbage.Length < 700 && e is ModbusTimeoutException && !LooksLikeAnswer(garbage),
                    $"a genuine answer behind {garbage.Length} bytes of noise was not found: {e.Message}");
            }
        }, iter: 300, threads: 1);
    }

    [Fact]
    public async Task A_genuine_answer_behind_noise_is_read_and_the_noise_is_counted()
    {
        ushort[] registers = [1, 2, 3];
        byte[] noise = [0x55, 0xAA, 0x00, 0xFF, 0x01, 0x02, 0x99];
        using var master = Master(request => [.. noise, .. Answer(request, registers)]);

        var read = await master.ReadHoldingRegistersAsync(1, 0, 3, CancellationToken.None);

        Assert.Equal(registers, read);
        Assert.True(master.Counters.NoiseBytes >= noise.Length - 1, $"noise bytes counted: {master.Counters.NoiseBytes}");
    }

    private static ModbusRtuMaster Master(Func<byte[], byte[]> answer) =>
        new(new ScriptedLine(answer), Options, TimeProvider.System, NullLogger<ModbusRtuMaster>.Instance);

    /// <summary>The answer of slave 1 to a read of holding registers: slave, 0x03, byte count, registers, CRC.</summary>
    private static byte[] Answer(byte[] request, ushort[] registers)
    {
        var frame = new byte[3 + registers.Length * 2 + 2];
        frame[0] = request[0];
        frame[1] = request[1];
        frame[2] = (byte)(registers.Length * 2);
        for (var i = 0; i < registers.Length; i++) BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(3 + i * 2), registers[i]);
        ModbusCrc.Append(frame, frame.Length - 2);
        return frame;
    }

    /// <summary>True when the garbage itself holds a CRC-valid frame from slave 1 (an exception answer), which the master rightly takes.</summary>
    private static bool LooksLikeAnswer(byte[] garbage)
    {
        for (var i = 0; i + 5 <= garbage.Length; i++)
            if (garbage[i] == 1 && garbage[i + 1] == 0x83 && ModbusCrc.IsValid(garbage.AsSpan(i, 5))) return true;
        return false;
    }
}
