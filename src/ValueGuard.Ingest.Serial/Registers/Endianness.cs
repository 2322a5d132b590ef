namespace ValueGuard.Ingest.Serial.Registers;

/// <summary>Most significant part first (big) or last (little).</summary>
public enum Endianness
{
    Big,
    Little,
}
