using System.Globalization;
using ValueGuard.Ingest.Serial.Registers;

namespace ValueGuard.Cli.Probe;

/// <summary>Registers or bits to read once, written TABLE:ADDRESS:COUNT (for example holding:0:6).</summary>
internal readonly record struct RegisterRange(ModbusTable Table, ushort Address, ushort Count)
{
    public static bool TryParse(string text, out RegisterRange range, out string problem)
    {
        range = default;
        var parts = text.Split(':');
        if (parts.Length != 3)
        {
            problem = "write TABLE:ADDRESS:COUNT, for example holding:0:6";
            return false;
        }
        ModbusTable? table = parts[0] switch
        {
            "holding" => ModbusTable.Holding,
            "input" => ModbusTable.Input,
            "coil" => ModbusTable.Coil,
            "discrete" => ModbusTable.DiscreteInput,
            _ => null,
        };
        if (table is null)
        {
            problem = $"table '{parts[0]}' is not holding, input, coil or discrete";
            return false;
        }
        var max = table is ModbusTable.Coil or ModbusTable.DiscreteInput ? 2000 : 125;
        if (!ushort.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var address)
            || !ushort.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count is 0 || count > max || address + count > 0x10000)
        {
            problem = $"address is 0..65535 (zero-based: the manual's 40001 is holding 0) and count 1..{max}";
            return false;
        }
        range = new RegisterRange(table.Value, address, count);
        problem = "";
        return true;
    }
}
