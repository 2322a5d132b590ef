namespace ValueGuard.Ingest.Serial.Registers;

/// <summary>One read request in a poll plan and the points whose values it carries.</summary>
public sealed record ReadBlock(ModbusTable Table, ushort Address, ushort Count, IReadOnlyList<RegisterPoint> Points);
