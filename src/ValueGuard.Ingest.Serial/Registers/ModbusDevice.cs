namespace ValueGuard.Ingest.Serial.Registers;

/// <summary>A device on a bus: its name in signal ids, its slave address, its register map and how often it is read.</summary>
public sealed record ModbusDevice(string Name, byte Slave, IReadOnlyList<RegisterPoint> Points, TimeSpan Poll)
{
    /// <summary>Problems that name the device and the fix; empty when the device can be polled.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Name) || Name.Contains('/', StringComparison.Ordinal)) problems.Add($"device '{Name}': a device name is needed and must not contain '/'");
        if (Slave is < 1 or > 247) problems.Add($"device {Name}: slave address {Slave} is outside 1..247");
        if (Poll < TimeSpan.FromMilliseconds(10)) problems.Add($"device {Name}: poll interval {Poll} is too short; use 10 ms or more");
        if (Points.Count == 0) problems.Add($"device {Name}: the register map is empty");
        problems.AddRange(Points.Select(p => p.Problem()).OfType<string>().Select(p => $"device {Name}: {p}"));
        foreach (var duplicate in Points.GroupBy(p => p.Signal, StringComparer.Ordinal).Where(g => g.Count() > 1))
            problems.Add($"device {Name}: signal {duplicate.Key} is mapped {duplicate.Count()} times");
        return problems;
    }
}
