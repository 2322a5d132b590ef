using CsCheck;
using ValueGuard.Ingest.Serial.Modbus;

namespace ValueGuard.Ingest.Serial.Tests.Modbus;

public sealed class ModbusCrcTests
{
    [Fact]
    public void Crc_of_the_specification_example_is_sent_low_byte_first()
    {
        // Read 10 holding registers from slave 1: the frame every Modbus guide shows, ending C5 CD.
        var frame = new byte[8] { 0x01, 0x03, 0x00, 0x00, 0x00, 0x0A, 0, 0 };
        ModbusCrc.Append(frame, 6);
        Assert.Equal(new byte[] { 0xC5, 0xCD }, frame[6..]);
    }

    [Fact]
    public void Crc_of_nothing_is_the_initial_value() => Assert.Equal(0xFFFF, ModbusCrc.Compute([]));

    [Fact]
    public void Appending_the_crc_to_any_frame_leaves_a_zero_residue()
    {
        Gen.Byte.Array[2, 254].Sample(body =>
        {
            var frame = new byte[body.Length + 2];
            body.CopyTo(frame, 0);
            ModbusCrc.Append(frame, body.Length);
            Assert.Equal(0, ModbusCrc.Compute(frame));
            Assert.True(ModbusCrc.IsValid(frame));
        });
    }

    [Fact]
    public void Any_single_bit_error_is_detected()
    {
        Gen.Select(Gen.Byte.Array[2, 254], Gen.Int[0, int.MaxValue]).Sample((body, flip) =>
        {
            var frame = new byte[body.Length + 2];
            body.CopyTo(frame, 0);
            ModbusCrc.Append(frame, body.Length);
            var bit = flip % (frame.Length * 8);
            frame[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.False(ModbusCrc.IsValid(frame));
        });
    }
}
