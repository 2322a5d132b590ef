using System.Text;
using System.Text.Json;
using ValueGuard.Simulator.Scenarios;

namespace ValueGuard.Simulator.Tests;

public class PressLineScenarioTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static JsonElement Json(TelemetryMessage m) => JsonDocument.Parse(Encoding.UTF8.GetString(m.Payload)).RootElement;

    [Fact]
    public void The_press_is_stopped_exactly_during_an_outage()
    {
        var outage = new Outage(T0.AddHours(1), TimeSpan.FromHours(1));
        var scenario = new PressLineScenario("site", "press-07", "mes-gw", [outage]);

        var press = scenario.Messages(T0, T0.AddHours(3)).Where(m => m.Topic == "plant/site/press-07/telemetry").ToList();

        Assert.Equal(36, press.Count);
        Assert.All(press, m => Assert.Equal(!outage.Covers(m.Timestamp), Json(m).GetProperty("state").GetProperty("running").GetBoolean()));
        Assert.Equal(12, press.Count(m => outage.Covers(m.Timestamp)));
    }

    [Fact]
    public void Consecutive_ranges_continue_the_counters_without_repeating_instants()
    {
        var scenario = new PressLineScenario("site", "press-07", "mes-gw", []);

        var first = scenario.Messages(T0, T0.AddHours(1));
        var second = scenario.Messages(T0.AddHours(1), T0.AddHours(2));

        var mes = first.Concat(second).Where(m => m.Topic == "mes/mes-gw/stats").ToList();
        Assert.Equal(mes.Count, mes.Select(m => m.Timestamp).Distinct().Count());
        var totals = mes.Select(m => Json(m).GetProperty("api").GetProperty("total").GetInt64()).ToList();
        Assert.Equal(totals.Order(), totals);
        Assert.All(mes, m => Assert.Equal(m.Timestamp.ToUnixTimeMilliseconds(), Json(m).GetProperty("ts").GetInt64()));
    }

    [Fact]
    public void The_same_seed_gives_the_same_messages()
    {
        var a = new PressLineScenario("site", "press-07", "mes-gw", [], seed: 3).Messages(T0, T0.AddHours(2));
        var b = new PressLineScenario("site", "press-07", "mes-gw", [], seed: 3).Messages(T0, T0.AddHours(2));

        Assert.Equal(a.Select(m => Encoding.UTF8.GetString(m.Payload)), b.Select(m => Encoding.UTF8.GetString(m.Payload)));
    }
}
