namespace ValueGuard.Ingest.Serial.Registers;

/// <summary>How the registers of one value are read as a number. Bits of coils and discrete inputs are <see cref="Bit"/>.</summary>
public enum RegisterType
{
    Bit,
    Int16,
    UInt16,
    Int32,
    UInt32,
    Int64,
    UInt64,
    Float32,
    Float64,
}
