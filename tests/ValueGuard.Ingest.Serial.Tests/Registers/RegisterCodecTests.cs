using CsCheck;
using ValueGuard.Ingest.Serial.Registers;

namespace ValueGuard.Ingest.Serial.Tests.Registers;

public sealed class RegisterCodecTests
{
    private static readonly Gen<DataOrder> Orders = Gen.Enum<Endianness>().Select(Gen.Enum<Endianness>(), (w, b) => new DataOrder(w, b));

    [Fact]
    public void Byte_normalisation_round_trips_for_every_order()
    {
        Gen.Select(Gen.UShort.Array[1, 4], Orders).Sample((words, order) =>
        {
            var bytes = new byte[words.Length * 2];
            RegisterCodec.ToBigEndianBytes(words, order, bytes);
            var back = new ushort[words.Length];
            RegisterCodec.FromBigEndianBytes(bytes, order, back);
            Assert.Equal(words, back);
        });
    }

    [Theory]
    [InlineData(RegisterType.Int16)]
    [InlineData(RegisterType.UInt16)]
    [InlineData(RegisterType.Int32)]
    [InlineData(RegisterType.UInt32)]
    [InlineData(RegisterType.Int64)]
    [InlineData(RegisterType.UInt64)]
    [InlineData(RegisterType.Float32)]
    [InlineData(RegisterType.Float64)]
    public void Encode_then_decode_gives_the_value_back_in_every_order(RegisterType type)
    {
        ValuesOf(type).Select(Orders, (v, o) => (v, o)).Sample(t =>
        {
            var words = RegisterCodec.Encode(t.v, type, t.o);
            Assert.Equal(RegisterCodec.WordCount(type), words.Length);
            Assert.Equal(t.v, RegisterCodec.Decode(words, type, t.o));
        });
    }

    [Theory]
    [InlineData(Endianness.Big, Endianness.Big, new ushort[] { 0x4148, 0x0000 })]
    [InlineData(Endianness.Little, Endianness.Big, new ushort[] { 0x0000, 0x4148 })]
    [InlineData(Endianness.Big, Endianness.Little, new ushort[] { 0x4841, 0x0000 })]
    [InlineData(Endianness.Little, Endianness.Little, new ushort[] { 0x0000, 0x4841 })]
    public void Float32_12_5_reads_from_the_four_layouts_devices_use(Endianness words, Endianness bytes, ushort[] registers) =>
        Assert.Equal(12.5, RegisterCodec.Decode(registers, RegisterType.Float32, new DataOrder(words, bytes)));

    [Fact]
    public void Int32_minus_two_is_FFFF_FFFE_big_endian() =>
        Assert.Equal(new ushort[] { 0xFFFF, 0xFFFE }, RegisterCodec.Encode(-2, RegisterType.Int32, DataOrder.BigEndian));

    [Fact]
    public void Bit_fields_scale_and_offset_apply_to_a_point()
    {
        var status = new RegisterPoint("door_open", ModbusTable.Holding, 0) { BitIndex = 3 };
        var temperature = new RegisterPoint("temperature", ModbusTable.Input, 0, RegisterType.Int16) { Scale = 0.1, Offset = -40 };

        Assert.Equal(1, status.Decode([0b1000]));
        Assert.Equal(0, status.Decode([0b0111]));
        Assert.Equal(-40 + 25.5, temperature.Decode([255]), 9);
    }

    private static Gen<double> ValuesOf(RegisterType type) => type switch
    {
        RegisterType.Int16 => Gen.Short.Select(v => (double)v),
        RegisterType.UInt16 => Gen.UShort.Select(v => (double)v),
        RegisterType.Int32 => Gen.Int.Select(v => (double)v),
        RegisterType.UInt32 => Gen.UInt.Select(v => (double)v),
        // A double holds integers exactly up to 2^53, which is where 64-bit counters are read as doubles.
        RegisterType.Int64 => Gen.Long[-(1L << 53), 1L << 53].Select(v => (double)v),
        RegisterType.UInt64 => Gen.ULong[0, 1UL << 53].Select(v => (double)v),
        RegisterType.Float32 => Gen.Single.Where(float.IsFinite).Select(v => (double)v),
        _ => Gen.Double.Where(double.IsFinite),
    };
}
