using ValueGuard.Ingest.Serial.Modbus;

namespace ValueGuard.Ingest.Serial.Tests.Modbus;

public sealed class ModbusRequestTests
{
    [Theory]
    [InlineData(ModbusFunction.ReadCoils, 19, 3 + 3 + 2)]
    [InlineData(ModbusFunction.ReadDiscreteInputs, 2000, 3 + 250 + 2)]
    [InlineData(ModbusFunction.ReadHoldingRegisters, 125, 3 + 250 + 2)]
    [InlineData(ModbusFunction.ReadInputRegisters, 1, 3 + 2 + 2)]
    public void Read_response_length_follows_the_quantity(ModbusFunction function, int quantity, int length) =>
        Assert.Equal(length, ModbusRequest.Read(7, function, 0, (ushort)quantity).ResponseLength);

    [Theory]
    [InlineData(ModbusFunction.ReadHoldingRegisters, 126)]
    [InlineData(ModbusFunction.ReadInputRegisters, 0)]
    [InlineData(ModbusFunction.ReadCoils, 2001)]
    public void Read_quantities_beyond_the_protocol_limits_are_refused(ModbusFunction function, int quantity) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ModbusRequest.Read(1, function, 0, (ushort)quantity));

    [Fact]
    public void Write_multiple_registers_frame_matches_the_specification_example()
    {
        // Modbus Application Protocol V1.1b3, 6.12: write 000A 0102 to registers 2 and 3.
        var request = ModbusRequest.WriteMultipleRegisters(1, 1, [0x000A, 0x0102]);
        Assert.Equal(new byte[] { 0x01, 0x10, 0x00, 0x01, 0x00, 0x02, 0x04, 0x00, 0x0A, 0x01, 0x02 }, request.Frame[..^2]);
        Assert.True(ModbusCrc.IsValid(request.Frame));
        Assert.Equal(8, request.ResponseLength);
    }

    [Fact]
    public void Write_single_coil_sends_FF00_for_on()
    {
        var request = ModbusRequest.WriteSingleCoil(1, 0xAC, true);
        Assert.Equal(new byte[] { 0x01, 0x05, 0x00, 0xAC, 0xFF, 0x00 }, request.Frame[..^2]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(248)]
    public void Broadcast_and_reserved_slave_addresses_are_refused(int slave) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ModbusRequest.WriteSingleRegister((byte)slave, 0, 1));

    [Theory]
    [InlineData(ModbusExceptionCode.IllegalFunction, "illegal function")]
    [InlineData(ModbusExceptionCode.IllegalDataAddress, "illegal data address")]
    [InlineData(ModbusExceptionCode.GatewayTargetFailedToRespond, "gateway target device failed to respond")]
    public void Exception_codes_are_described_in_the_words_of_the_specification(ModbusExceptionCode code, string meaning) =>
        Assert.StartsWith(meaning, ModbusSlaveException.Describe(code), StringComparison.Ordinal);
}
