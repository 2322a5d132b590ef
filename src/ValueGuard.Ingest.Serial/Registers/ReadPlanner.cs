namespace ValueGuard.Ingest.Serial.Registers;

/// <summary>
/// Groups a register map into as few reads as the protocol allows: per table, points whose ranges touch,
/// overlap, or lie at most <c>maxGap</c> items apart share one read of up to 125 registers or 2000 bits.
/// The default gap is 0 because many devices answer "illegal data address" for holes in their map.
/// </summary>
public static class ReadPlanner
{
    public const int MaxRegistersPerRead = 125;
    public const int MaxBitsPerRead = 2000;

    public static IReadOnlyList<ReadBlock> Plan(IEnumerable<RegisterPoint> points, int maxGap = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxGap);
        var blocks = new List<ReadBlock>();
        foreach (var table in points.GroupBy(p => p.Table).OrderBy(g => g.Key))
        {
            var limit = table.Key is ModbusTable.Coil or ModbusTable.DiscreteInput ? MaxBitsPerRead : MaxRegistersPerRead;
            var current = new List<RegisterPoint>();
            int start = 0, end = 0;
            foreach (var point in table.OrderBy(p => p.Address).ThenBy(p => p.Width))
            {
                var pointEnd = point.Address + point.Width;
                if (current.Count > 0 && point.Address <= end + maxGap && Math.Max(end, pointEnd) - start <= limit)
                {
                    current.Add(point);
                    end = Math.Max(end, pointEnd);
                    continue;
                }
                if (current.Count > 0) blocks.Add(new ReadBlock(table.Key, (ushort)start, (ushort)(end - start), current));
                current = [point];
                start = point.Address;
                end = pointEnd;
            }
            if (current.Count > 0) blocks.Add(new ReadBlock(table.Key, (ushort)start, (ushort)(end - start), current));
        }
        return blocks;
    }
}
