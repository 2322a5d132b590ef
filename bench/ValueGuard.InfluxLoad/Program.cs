using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using ValueGuard.Core.Signals;
using ValueGuard.Storage.Influx;

// Usage: ValueGuard.InfluxLoad http://127.0.0.1:8086 [points=200000] [batch=5000] [signals=50] [gzip=true]
// Writes into a fresh database, counts the points back, then drops the database. "Points" here are samples: the store
// writes the samples of one device and instant as one line (5 per line with the default 50 signals over 10 devices).
if (args.Length < 1 || !Uri.TryCreate(args[0], UriKind.Absolute, out var url))
{
    Console.Error.WriteLine("usage: ValueGuard.InfluxLoad http://127.0.0.1:PORT [points] [batch] [signals] [gzip]");
    return 2;
}
var points = Argument(1, 200_000);
var batch = Argument(2, 5_000);
var signals = Argument(3, 50);
var gzip = args.Length <= 4 || bool.Parse(args[4]);
// Bounded: at most 5 million points, so a typo cannot fill the disk.
points = Math.Min(points, 5_000_000);

var database = "vg_load_" + Guid.NewGuid().ToString("N")[..8];
using var client = new InfluxDbClient(new InfluxDbOptions { BaseAddress = url, Database = database, BatchSize = batch, GzipRequests = gzip },
    TimeProvider.System, NullLogger<InfluxDbClient>.Instance);
var store = await InfluxTimeSeriesStore.StartAsync(client, new InfluxTimeSeriesStoreOptions(), NullLogger<InfluxTimeSeriesStore>.Instance, default);
var t0 = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
var ids = Enumerable.Range(0, signals).Select(i => new SignalId($"press-{i / 5:00}", $"signal-{i % 5}")).ToArray();

var clock = Stopwatch.StartNew();
for (var start = 0; start < points; start += batch)
{
    var count = Math.Min(batch, points - start);
    var samples = new Sample[count];
    for (var i = 0; i < count; i++)
    {
        var n = start + i;
        samples[i] = new Sample(ids[n % signals], t0.AddMilliseconds(n / signals * 100.0), n * 0.5);
    }
    await store.WriteAsync(samples, default);
}
clock.Stop();

var stored = await store.CountAsync(null, default);
await client.ExecuteAsync("DROP DATABASE " + InfluxTimeSeriesStore.QuoteIdentifier(database), default);

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"points={points} batch={batch} signals={signals} gzip={gzip} seconds={clock.Elapsed.TotalSeconds:F2} points_per_second={points / clock.Elapsed.TotalSeconds:F0} stored={stored}"));
return stored == points ? 0 : 1;

int Argument(int index, int fallback) => args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;
