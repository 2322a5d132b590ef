namespace ValueGuard.Ingest.Serial.Registers;

/// <summary>
/// Where the parts of a multi-byte value go. Modbus itself sends each register big-endian; devices differ in
/// whether the first register holds the most significant word (<see cref="WordOrder"/> big, "ABCD") and some
/// also swap the bytes inside each register (<see cref="ByteOrder"/> little, "BADC").
/// </summary>
public readonly record struct DataOrder(Endianness WordOrder, Endianness ByteOrder)
{
    public static readonly DataOrder BigEndian = new(Endianness.Big, Endianness.Big);

    public override string ToString() => (WordOrder, ByteOrder) switch
    {
        (Endianness.Big, Endianness.Big) => "ABCD",
        (Endianness.Big, Endianness.Little) => "BADC",
        (Endianness.Little, Endianness.Big) => "CDAB",
        _ => "DCBA",
    };
}
