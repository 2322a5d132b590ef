using ValueGuard.Core.Signals;
using ValueGuard.Core.Storage;

namespace ValueGuard.Storage.Tests.Contract;

/// <summary>
/// What every <see cref="ITimeSeriesStore"/> must do. A store's test class derives from this and hands out
/// a fresh, empty store; the same tests then run against the embedded store and a real InfluxDB.
/// </summary>
public abstract class TimeSeriesStoreContract
{
    protected static readonly SignalId Running = new("press-07", "running");
    protected static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A store with no samples in it, owned (and cleaned up) by the derived class.</summary>
    protected abstract Task<ITimeSeriesStore> EmptyStoreAsync();

    [Fact]
    public async Task Reads_back_a_window_in_time_order()
    {
        var store = await EmptyStoreAsync();
        await store.WriteAsync([new(Running, T0.AddMinutes(2), 0), new(Running, T0, 1), new(Running, T0.AddMinutes(1), 1)], default);

        var read = await store.ReadAsync(Running, T0, T0.AddHours(1), default);

        Assert.Equal([T0, T0.AddMinutes(1), T0.AddMinutes(2)], read.Select(s => s.Timestamp));
        Assert.Equal([1.0, 1.0, 0.0], read.Select(s => s.Value));
        Assert.All(read, s => Assert.Equal(Running, s.Signal));
    }

    [Fact]
    public async Task The_first_timestamp_is_the_earliest_sample_of_that_signal_only()
    {
        var store = await EmptyStoreAsync();
        var other = new SignalId("press-07", "temperature");
        await store.WriteAsync([new(Running, T0.AddHours(2), 1), new(Running, T0.AddHours(1), 0), new(other, T0, 20)], default);

        Assert.Equal(T0.AddHours(1), await store.FirstTimestampAsync(Running, default));
        Assert.Null(await store.FirstTimestampAsync(new SignalId("press-08", "running"), default));
    }

    [Fact]
    public async Task Windows_include_their_start_and_exclude_their_end()
    {
        var store = await EmptyStoreAsync();
        var from = T0.AddMinutes(1);
        var to = T0.AddMinutes(2);
        await store.WriteAsync([new(Running, from.AddTicks(-1), 1), new(Running, from, 2), new(Running, to.AddTicks(-1), 3), new(Running, to, 4)], default);

        var read = await store.ReadAsync(Running, from, to, default);

        Assert.Equal([2.0, 3.0], read.Select(s => s.Value));
    }

    [Fact]
    public async Task An_empty_or_reversed_window_holds_nothing()
    {
        var store = await EmptyStoreAsync();
        await store.WriteAsync([new(Running, T0, 1)], default);

        Assert.Empty(await store.ReadAsync(Running, T0, T0, default));
        Assert.Empty(await store.ReadAsync(Running, T0.AddSeconds(1), T0, default));
    }

    [Fact]
    public async Task Writing_the_same_signal_and_time_again_keeps_one_sample_with_the_last_value()
    {
        var store = await EmptyStoreAsync();
        await store.WriteAsync([new(Running, T0, 1)], default);

        await store.WriteAsync([new(Running, T0, 0)], default);

        Assert.Equal(0.0, Assert.Single(await store.ReadAsync(Running, T0, T0.AddDays(1), default)).Value);
    }

    [Fact]
    public async Task Replaying_a_batch_changes_nothing()
    {
        var store = await EmptyStoreAsync();
        Sample[] batch = [.. Enumerable.Range(0, 50).Select(i => new Sample(Running, T0.AddSeconds(i), i % 2))];
        await store.WriteAsync(batch, default);
        var before = await store.ReadAsync(Running, T0, T0.AddDays(1), default);

        await store.WriteAsync(batch, default);

        Assert.Equal(before, await store.ReadAsync(Running, T0, T0.AddDays(1), default));
        Assert.Equal(batch, before);
    }

    [Fact]
    public async Task Signals_keep_apart_by_device_and_by_signal_name()
    {
        var store = await EmptyStoreAsync();
        SignalId[] signals = [.. Enumerable.Range(0, 20).SelectMany(d => new[] { new SignalId($"press-{d:00}", "running"), new SignalId($"press-{d:00}", "run") })];
        await store.WriteAsync([.. signals.Select((s, i) => new Sample(s, T0, i))], default);

        for (var i = 0; i < signals.Length; i++)
            Assert.Equal((double)i, Assert.Single(await store.ReadAsync(signals[i], T0, T0.AddSeconds(1), default)).Value);
        Assert.Empty(await store.ReadAsync(new SignalId("press-00", "runn"), T0, T0.AddSeconds(1), default));
    }

    [Fact]
    public async Task A_large_batch_round_trips_whole()
    {
        var store = await EmptyStoreAsync();
        Sample[] batch = [.. Enumerable.Range(0, 20_000).Select(i => new Sample(Running, T0.AddMilliseconds(i * 250), Math.Sin(i)))];

        await store.WriteAsync(batch, default);

        Assert.Equal(batch, await store.ReadAsync(Running, T0, T0.AddDays(1), default));
    }

    [Fact]
    public async Task Timestamps_keep_sub_millisecond_precision_down_to_one_tick()
    {
        var store = await EmptyStoreAsync();
        Sample[] batch = [new(Running, T0.AddTicks(1), 1), new(Running, T0.AddTicks(2), 2), new(Running, T0.AddTicks(10_001), 3)];

        await store.WriteAsync(batch, default);

        Assert.Equal(batch, await store.ReadAsync(Running, T0, T0.AddSeconds(1), default));
    }

    [Fact]
    public async Task Values_keep_every_bit_of_a_double()
    {
        var store = await EmptyStoreAsync();
        double[] values = [0.1 + 0.2, -1.5e300, 4.9e-324, 3.0, 123456789.123456789, -7.25];
        Sample[] batch = [.. values.Select((v, i) => new Sample(Running, T0.AddSeconds(i), v))];

        await store.WriteAsync(batch, default);

        var read = await store.ReadAsync(Running, T0, T0.AddMinutes(1), default);
        Assert.Equal(values.Select(BitConverter.DoubleToInt64Bits), read.Select(s => BitConverter.DoubleToInt64Bits(s.Value)));
    }

    [Fact]
    public async Task Writing_nothing_is_allowed_and_stores_nothing()
    {
        var store = await EmptyStoreAsync();

        await store.WriteAsync([], default);

        Assert.Empty(await store.ReadAsync(Running, DateTimeOffset.UnixEpoch, T0.AddYears(10), default));
    }

    [Fact]
    public async Task Instants_in_other_offsets_are_the_same_instants()
    {
        var store = await EmptyStoreAsync();
        var shanghai = T0.ToOffset(TimeSpan.FromHours(8));

        await store.WriteAsync([new(Running, shanghai, 1)], default);

        var read = Assert.Single(await store.ReadAsync(Running, T0, T0.AddTicks(1), default));
        Assert.Equal(T0, read.Timestamp);
        Assert.Equal(TimeSpan.Zero, read.Timestamp.Offset);
    }
}
