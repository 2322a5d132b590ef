using System.Text.Json.Nodes;
using ValueGuard.Core.Signals;
using ValueGuard.Gateway.Status;
using ValueGuard.Ingest.Mqtt.Client;
using ValueGuard.Ingest.Mqtt.Decoding;

namespace ValueGuard.Gateway.Tests.Status;

public class IngestStatusSectionTests
{
    private static readonly DateTimeOffset Arrival = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_ingest_section_shows_each_devices_clock_skew_in_seconds()
    {
        var skew = new ClockSkewTracker();
        skew.Record("press-07", [new Sample(new SignalId("press-07", "temperature"), Arrival.AddSeconds(-90), 1)], Arrival);
        skew.Record("press-07", [new Sample(new SignalId("press-07", "temperature"), Arrival.AddMinutes(1).AddSeconds(2), 1)], Arrival.AddMinutes(1));

        var section = new IngestStatusSection(new IngestCounters(), skew).Read(Arrival.AddMinutes(2));

        var press = section["clock_skew"]!["press-07"]!.AsObject();
        Assert.Equal(2, press["last_seconds"]!.GetValue<double>());
        Assert.Equal(-90, press["min_seconds"]!.GetValue<double>());
        Assert.Equal(2, press["max_seconds"]!.GetValue<double>());
        Assert.Equal(2, press["samples"]!.GetValue<long>());
        Assert.Equal("2026-11-23T08:01:00.0000000+00:00", press["last_received_at"]!.GetValue<string>());
    }

    [Fact]
    public void Without_device_timestamps_the_skew_is_empty()
    {
        var section = new IngestStatusSection(new IngestCounters(), new ClockSkewTracker()).Read(Arrival);

        Assert.Empty(Assert.IsType<JsonObject>(section["clock_skew"]));
    }
}
