using System.Globalization;
using System.Text;

namespace ValueGuard.Simulator.Scenarios;

/// <summary>
/// A press line and its MES gateway, as the demo plant. The press PLC publishes its running state,
/// temperature and part counter every <see cref="Interval"/>; the MES gateway publishes cumulative API
/// call counters. Outages stop the press. Deterministic for a given seed.
/// </summary>
public sealed class PressLineScenario
{
    private readonly Random random;
    private long parts;
    private long apiTotal;
    private long apiOk;

    public PressLineScenario(string site, string press, string mesGateway, IReadOnlyList<Outage> outages, int seed = 17)
    {
        Site = site;
        Press = press;
        MesGateway = mesGateway;
        Outages = outages;
        random = new Random(seed);
    }

    public string Site { get; }

    public string Press { get; }

    public string MesGateway { get; }

    public IReadOnlyList<Outage> Outages { get; }

    public TimeSpan Interval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Share of MES API calls that fail.</summary>
    public double ApiFailureRate { get; init; } = 0.001;

    /// <summary>The messages of <c>[from, to)</c>, in time order. Call with consecutive ranges.</summary>
    public IReadOnlyList<TelemetryMessage> Messages(DateTimeOffset from, DateTimeOffset to)
    {
        var list = new List<TelemetryMessage>();
        var first = from.UtcTicks % Interval.Ticks == 0 ? from : from.AddTicks(Interval.Ticks - from.UtcTicks % Interval.Ticks);
        for (var t = first; t < to; t += Interval)
        {
            list.Add(PressMessage(t));
            list.Add(MesMessage(t));
        }
        return list;
    }

    private TelemetryMessage PressMessage(DateTimeOffset t)
    {
        var running = !Outages.Any(o => o.Covers(t));
        if (running) parts += 60 + random.Next(0, 5);
        var temperature = running ? 58 + random.NextDouble() * 6 : 31 + random.NextDouble() * 2;
        var json = string.Create(CultureInfo.InvariantCulture,
            $$$"""{"ts":{{{t.ToUnixTimeMilliseconds()}}},"state":{"running":{{{(running ? "true" : "false")}}}},"temp_c":{{{temperature:0.00}}},"parts":{{{parts}}}}""");
        return new TelemetryMessage($"plant/{Site}/{Press}/telemetry", Encoding.UTF8.GetBytes(json), t);
    }

    private TelemetryMessage MesMessage(DateTimeOffset t)
    {
        var calls = 900 + random.Next(0, 200);
        var failures = 0;
        for (var i = 0; i < calls; i++) if (random.NextDouble() < ApiFailureRate) failures++;
        apiTotal += calls;
        apiOk += calls - failures;
        var json = string.Create(CultureInfo.InvariantCulture,
            $$$"""{"ts":{{{t.ToUnixTimeMilliseconds()}}},"api":{"ok":{{{apiOk}}},"total":{{{apiTotal}}}}}""");
        return new TelemetryMessage($"mes/{MesGateway}/stats", Encoding.UTF8.GetBytes(json), t);
    }
}
