using ValueGuard.Ingest.Serial.Modbus;
using ValueGuard.Ingest.Serial.Registers;

namespace ValueGuard.Ingest.Serial.Tests.Pty;

/// <summary>The master against a third-party slave (Debian's libmodbus) over a pty pair. Needs socat, gcc and libmodbus-dev.</summary>
public sealed class LibmodbusSlaveTests : PtyTest
{
    [Fact]
    public async Task Master_reads_every_table_and_float_layout_from_a_libmodbus_slave()
    {
        using var slave = await LibmodbusSlave.StartAsync(Temp.Path, Pty.B, 17);
        using var master = Master(Pty.A);

        var holding = await master.ReadHoldingRegistersAsync(17, 0, 16, CancellationToken.None);
        var input = await master.ReadInputRegistersAsync(17, 0, 16, CancellationToken.None);
        var coils = await master.ReadCoilsAsync(17, 0, 16, CancellationToken.None);
        var discrete = await master.ReadDiscreteInputsAsync(17, 0, 16, CancellationToken.None);
        var floats = await master.ReadHoldingRegistersAsync(17, 20, 8, CancellationToken.None);

        Assert.Equal(Enumerable.Range(1000, 16).Select(i => (ushort)i), holding);
        Assert.Equal(Enumerable.Range(2000, 16).Select(i => (ushort)i), input);
        Assert.Equal(Enumerable.Range(0, 16).Select(i => i % 2 == 1), coils);
        Assert.Equal(Enumerable.Range(0, 16).Select(i => i % 3 == 0), discrete);
        Assert.Equal(21.5, RegisterCodec.Decode(floats.AsSpan(0, 2), RegisterType.Float32, new DataOrder(Endianness.Big, Endianness.Big)));
        Assert.Equal(-3.25, RegisterCodec.Decode(floats.AsSpan(2, 2), RegisterType.Float32, new DataOrder(Endianness.Little, Endianness.Big)));
        Assert.Equal(1024.75, RegisterCodec.Decode(floats.AsSpan(4, 2), RegisterType.Float32, new DataOrder(Endianness.Big, Endianness.Little)));
        Assert.Equal(0.5, RegisterCodec.Decode(floats.AsSpan(6, 2), RegisterType.Float32, new DataOrder(Endianness.Little, Endianness.Little)));
    }

    [Fact]
    public async Task Master_reads_every_integer_type_and_a_double_from_a_libmodbus_slave()
    {
        using var slave = await LibmodbusSlave.StartAsync(Temp.Path, Pty.B, 17);
        using var master = Master(Pty.A);
        var highFirst = new DataOrder(Endianness.Big, Endianness.Big);
        var lowFirst = new DataOrder(Endianness.Little, Endianness.Big);

        var ints = await master.ReadHoldingRegistersAsync(17, 28, 10, CancellationToken.None);
        var wide = await master.ReadHoldingRegistersAsync(17, 44, 8, CancellationToken.None);

        Assert.Equal(-1234, RegisterCodec.Decode(ints.AsSpan(0, 1), RegisterType.Int16, highFirst));
        Assert.Equal(60000, RegisterCodec.Decode(ints.AsSpan(1, 1), RegisterType.UInt16, highFirst));
        Assert.Equal(-123456789, RegisterCodec.Decode(ints.AsSpan(2, 2), RegisterType.Int32, highFirst));
        Assert.Equal(3000000000, RegisterCodec.Decode(ints.AsSpan(4, 2), RegisterType.UInt32, lowFirst));
        Assert.Equal(-1234567890123, RegisterCodec.Decode(ints.AsSpan(6, 4), RegisterType.Int64, highFirst));
        Assert.Equal(3.141592653589793, RegisterCodec.Decode(wide.AsSpan(0, 4), RegisterType.Float64, highFirst));
        Assert.Equal(18000000000000000000d, RegisterCodec.Decode(wide.AsSpan(4, 4), RegisterType.UInt64, lowFirst));
    }

    [Fact]
    public async Task Master_writes_to_a_libmodbus_slave_and_decodes_its_exception_responses()
    {
        using var slave = await LibmodbusSlave.StartAsync(Temp.Path, Pty.B, 17);
        using var master = Master(Pty.A);

        await master.WriteMultipleRegistersAsync(17, 40, [0xCAFE, 0x0102, 3], CancellationToken.None);
        await master.WriteSingleRegisterAsync(17, 43, 4, CancellationToken.None);
        await master.WriteSingleCoilAsync(17, 0, true, CancellationToken.None);
        var written = await master.ReadHoldingRegistersAsync(17, 40, 4, CancellationToken.None);
        var coil = await master.ReadCoilsAsync(17, 0, 1, CancellationToken.None);
        var refused = await Assert.ThrowsAsync<ModbusSlaveException>(() => master.ReadHoldingRegistersAsync(17, 60, 10, CancellationToken.None));

        Assert.Equal(new ushort[] { 0xCAFE, 0x0102, 3, 4 }, written);
        Assert.True(coil[0]);
        Assert.Equal(ModbusExceptionCode.IllegalDataAddress, refused.Code);
    }
}
