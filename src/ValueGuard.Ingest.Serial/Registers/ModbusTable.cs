namespace ValueGuard.Ingest.Serial.Registers;

/// <summary>The four Modbus data tables.</summary>
public enum ModbusTable
{
    /// <summary>Read-write bits (function 01).</summary>
    Coil,
    /// <summary>Read-only bits (function 02).</summary>
    DiscreteInput,
    /// <summary>Read-write 16-bit registers (function 03).</summary>
    Holding,
    /// <summary>Read-only 16-bit registers (function 04).</summary>
    Input,
}
