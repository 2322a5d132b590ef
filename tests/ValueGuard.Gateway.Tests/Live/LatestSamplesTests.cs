using ValueGuard.Core.Signals;
using ValueGuard.Gateway.Live;

namespace ValueGuard.Gateway.Tests.Live;

public class LatestSamplesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private static readonly SignalId Running = new("press-07", "running");
    private static readonly SignalId Temperature = new("press-07", "temperature");

    [Fact]
    public void Keeps_the_newest_sample_per_signal_even_when_an_older_one_arrives_later()
    {
        var latest = new LatestSamples();

        latest.Observe([new Sample(Running, T0.AddSeconds(10), 1), new Sample(Running, T0.AddSeconds(5), 0), new Sample(Temperature, T0, 71.5)]);
        latest.Observe([new Sample(Running, T0.AddSeconds(2), 0)]);

        Assert.Equal(new Sample(Running, T0.AddSeconds(10), 1), latest.Of(Running));
        Assert.Equal(71.5, latest.Of(Temperature)!.Value.Value);
        Assert.Null(latest.Of(new SignalId("press-08", "running")));
        Assert.Equal(T0.AddSeconds(10), latest.LastContact("press-07"));
        Assert.Null(latest.LastContact("press-08"));
    }
}
