using Microsoft.Data.Sqlite;
using ValueGuard.Core.Signals;
using ValueGuard.Core.Storage;

namespace ValueGuard.Storage.Embedded;

/// <summary>
/// The zero-setup time-series store: one SQLite file. A sample is keyed by (device, signal, time),
/// so writing it again replaces it, as InfluxDB does, and replays stay idempotent.
/// </summary>
public sealed class EmbeddedTimeSeriesStore : ITimeSeriesStore, IDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS samples (
          device TEXT NOT NULL, signal TEXT NOT NULL, ts INTEGER NOT NULL, value REAL NOT NULL,
          PRIMARY KEY (device, signal, ts)) WITHOUT ROWID;
        """;

    private readonly SqliteDatabase db;

    public EmbeddedTimeSeriesStore(string path)
    {
        db = new SqliteDatabase(path, Schema);
    }

    public Task WriteAsync(IReadOnlyList<Sample> samples, CancellationToken cancellationToken)
    {
        if (samples.Count == 0) return Task.CompletedTask;
        return db.UseAsync(c =>
        {
            using var tx = c.BeginTransaction();
            using var cmd = c.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = "INSERT OR REPLACE INTO samples (device, signal, ts, value) VALUES ($d, $s, $t, $v)";
            var d = cmd.Parameters.Add("$d", SqliteType.Text);
            var s = cmd.Parameters.Add("$s", SqliteType.Text);
            var t = cmd.Parameters.Add("$t", SqliteType.Integer);
            var v = cmd.Parameters.Add("$v", SqliteType.Real);
            cmd.Prepare();
            foreach (var sample in samples)
            {
                d.Value = sample.Signal.Device;
                s.Value = sample.Signal.Signal;
                t.Value = sample.Timestamp.UtcTicks;
                v.Value = sample.Value;
                cmd.ExecuteNonQuery();
            }
            tx.Commit();
            return true;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<Sample>> ReadAsync(SignalId signal, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        db.UseAsync<IReadOnlyList<Sample>>(c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT ts, value FROM samples WHERE device = $d AND signal = $s AND ts >= $f AND ts < $t ORDER BY ts";
            cmd.Parameters.AddWithValue("$d", signal.Device);
            cmd.Parameters.AddWithValue("$s", signal.Signal);
            cmd.Parameters.AddWithValue("$f", from.UtcTicks);
            cmd.Parameters.AddWithValue("$t", to.UtcTicks);
            using var reader = cmd.ExecuteReader();
            var list = new List<Sample>();
            while (reader.Read())
                list.Add(new Sample(signal, new DateTimeOffset(reader.GetInt64(0), TimeSpan.Zero), reader.GetDouble(1)));
            return list;
        }, cancellationToken);

    public Task<DateTimeOffset?> FirstTimestampAsync(SignalId signal, CancellationToken cancellationToken) =>
        db.UseAsync<DateTimeOffset?>(c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT MIN(ts) FROM samples WHERE device = $d AND signal = $s";
            cmd.Parameters.AddWithValue("$d", signal.Device);
            cmd.Parameters.AddWithValue("$s", signal.Signal);
            return cmd.ExecuteScalar() is long ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
        }, cancellationToken);

    /// <summary>How many samples are stored in all.</summary>
    public Task<long> CountAsync(CancellationToken cancellationToken) =>
        db.UseAsync(c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT COUNT(*) FROM samples";
            return (long)cmd.ExecuteScalar()!;
        }, cancellationToken);

    public void Dispose() => db.Dispose();
}
