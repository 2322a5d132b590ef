namespace ValueGuard.EndToEnd;

/// <summary>One round of the bench: (1) the broker's own delivery rate, then (3) the gateway right after it.</summary>
internal sealed record BenchRound(double BrokerRate, CpuBudget? BrokerCpu, GatewayResult Gateway)
{
    /// <summary>(3) as a share of the (1) measured just before it.</summary>
    public double Ratio => Gateway.MessagesPerSecond / BrokerRate;

    /// <summary>The round with the median ratio (the lower middle one of an even count); without (1), the median (3).</summary>
    public static BenchRound Median(IReadOnlyList<BenchRound> rounds)
    {
        var sorted = rounds.OrderBy(r => double.IsNaN(r.Ratio) ? r.Gateway.MessagesPerSecond : r.Ratio).ToList();
        return sorted[(sorted.Count - 1) / 2];
    }
}
