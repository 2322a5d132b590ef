namespace ValueGuard.IntegrationTests.Faults.Chaos;

/// <summary>
/// The fault suite's random kill points: seeded from VALUEGUARD_FAULT_SEED when set (to replay a failing run), else
/// from the clock; the seed is printed in every summary line.
/// </summary>
internal sealed class ChaosRandom
{
    public const string Variable = "VALUEGUARD_FAULT_SEED";

    public ChaosRandom()
    {
        Seed = int.TryParse(Environment.GetEnvironmentVariable(Variable), out var seed) ? seed : Environment.TickCount & int.MaxValue;
        Random = new Random(Seed);
    }

    public int Seed { get; }

    public Random Random { get; }

    /// <summary>A delay between <paramref name="min"/> and <paramref name="max"/>.</summary>
    public TimeSpan Between(TimeSpan min, TimeSpan max) => min + (max - min) * Random.NextDouble();
}
