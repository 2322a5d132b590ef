using ValueGuard.Ingest.Serial.Registers;

namespace ValueGuard.Ingest.Serial.Tests.Registers;

public sealed class ReadPlannerTests
{
    [Fact]
    public void Adjacent_points_of_one_table_share_one_read()
    {
        var plan = ReadPlanner.Plan([
            new RegisterPoint("temperature", ModbusTable.Holding, 0, RegisterType.Float32),
            new RegisterPoint("running", ModbusTable.Holding, 2),
            new RegisterPoint("parts", ModbusTable.Holding, 3, RegisterType.UInt32),
            new RegisterPoint("alarm", ModbusTable.Coil, 5, RegisterType.Bit),
        ]);

        Assert.Equal(2, plan.Count);
        Assert.Equal((ModbusTable.Holding, (ushort)0, (ushort)5), (plan[1].Table, plan[1].Address, plan[1].Count));
        Assert.Equal((ModbusTable.Coil, (ushort)5, (ushort)1), (plan[0].Table, plan[0].Address, plan[0].Count));
    }

    [Fact]
    public void A_hole_splits_reads_unless_the_gap_is_allowed()
    {
        RegisterPoint[] points = [new("a", ModbusTable.Input, 0), new("b", ModbusTable.Input, 5)];

        Assert.Equal(2, ReadPlanner.Plan(points).Count);
        Assert.Single(ReadPlanner.Plan(points, maxGap: 4));
    }

    [Fact]
    public void Reads_never_exceed_125_registers_or_2000_bits()
    {
        var registers = Enumerable.Range(0, 300).Select(i => new RegisterPoint($"r{i}", ModbusTable.Holding, (ushort)(i * 2), RegisterType.UInt32));
        var bits = Enumerable.Range(0, 4500).Select(i => new RegisterPoint($"b{i}", ModbusTable.DiscreteInput, (ushort)i, RegisterType.Bit));

        var plan = ReadPlanner.Plan(registers.Concat(bits));

        Assert.All(plan.Where(b => b.Table == ModbusTable.Holding), b => Assert.InRange(b.Count, 1, 125));
        Assert.All(plan.Where(b => b.Table == ModbusTable.DiscreteInput), b => Assert.InRange(b.Count, 1, 2000));
        Assert.Equal(5, plan.Count(b => b.Table == ModbusTable.Holding)); // 600 registers, 62 uint32 per read
        Assert.Equal(3, plan.Count(b => b.Table == ModbusTable.DiscreteInput));
        Assert.Equal(4800, plan.Sum(b => b.Points.Count));
    }
}
