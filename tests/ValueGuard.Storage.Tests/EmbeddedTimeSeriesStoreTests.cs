using ValueGuard.Core.Signals;
using ValueGuard.Storage.Embedded;
using ValueGuard.Testing;

namespace ValueGuard.Storage.Tests;

public class EmbeddedTimeSeriesStoreTests
{
    private static readonly SignalId Running = new("press-07", "running");
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Reads_back_a_window_in_time_order_start_inclusive_end_exclusive()
    {
        using var dir = new TempDirectory();
        using var store = new EmbeddedTimeSeriesStore(dir.File("samples.db"));
        await store.WriteAsync([new(Running, T0.AddMinutes(2), 0), new(Running, T0, 1), new(Running, T0.AddMinutes(1), 1), new(Running, T0.AddMinutes(3), 1)], default);

        var read = await store.ReadAsync(Running, T0.AddMinutes(1), T0.AddMinutes(3), default);

        Assert.Equal([T0.AddMinutes(1), T0.AddMinutes(2)], read.Select(s => s.Timestamp));
        Assert.Equal([1.0, 0.0], read.Select(s => s.Value));
    }

    [Fact]
    public async Task Writing_the_same_signal_and_time_again_keeps_one_sample()
    {
        using var dir = new TempDirectory();
        using var store = new EmbeddedTimeSeriesStore(dir.File("samples.db"));

        await store.WriteAsync([new(Running, T0, 1)], default);
        await store.WriteAsync([new(Running, T0, 0)], default);

        var read = await store.ReadAsync(Running, T0, T0.AddDays(1), default);
        Assert.Equal(0.0, Assert.Single(read).Value);
        Assert.Equal(1, await store.CountAsync(default));
    }

    [Fact]
    public async Task Samples_survive_closing_and_reopening_the_store()
    {
        using var dir = new TempDirectory();
        using (var store = new EmbeddedTimeSeriesStore(dir.File("samples.db")))
            await store.WriteAsync([new(Running, T0, 1), new(new SignalId("press-08", "running"), T0, 0)], default);

        using var reopened = new EmbeddedTimeSeriesStore(dir.File("samples.db"));

        Assert.Equal(2, await reopened.CountAsync(default));
        Assert.Single(await reopened.ReadAsync(Running, T0, T0.AddSeconds(1), default));
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void The_store_file_is_readable_by_its_owner_only()
    {
        using var dir = new TempDirectory();
        using var store = new EmbeddedTimeSeriesStore(dir.File("samples.db"));

        var mode = File.GetUnixFileMode(dir.File("samples.db"));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
    }
}
