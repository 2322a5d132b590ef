using System.Text.Json;
using ValueGuard.Core.Escalation;
using ValueGuard.Storage;
using ValueGuard.Storage.Evidence;

namespace ValueGuard.Escalation.Outbox;

/// <summary>
/// The durable outbox: an action is written here before anything is sent, once per sink (the
/// idempotency key is unique per sink), and marked done only after the sink succeeded.
/// </summary>
public sealed class EscalationOutbox : IDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS outbox (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          key TEXT NOT NULL, sink TEXT NOT NULL, episode TEXT NOT NULL,
          action TEXT NOT NULL, created INTEGER NOT NULL,
          status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
          next_attempt INTEGER NOT NULL, last_error TEXT NULL, remote_id TEXT NULL,
          UNIQUE (key, sink));
        """;

    private readonly SqliteDatabase db;

    public EscalationOutbox(string path)
    {
        db = new SqliteDatabase(path, Schema);
    }

    /// <summary>Adds the action for each sink unless it is there already; returns how many were new.</summary>
    public Task<int> EnqueueAsync(EscalationAction action, IEnumerable<string> sinks, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(action, JsonlEvidenceLedger.BodyOptions);
        var sinkList = sinks.ToList();
        return db.UseAsync(c =>
        {
            using var tx = c.BeginTransaction();
            var added = 0;
            foreach (var sink in sinkList)
            {
                using var cmd = c.CreateCommand();
                cmd.Transaction = tx;
                cmd.CommandText = """
                    INSERT OR IGNORE INTO outbox (key, sink, episode, action, created, status, next_attempt)
                    VALUES ($k, $s, $e, $a, $t, 'Pending', $n)
                    """;
                cmd.Parameters.AddWithValue("$k", action.IdempotencyKey);
                cmd.Parameters.AddWithValue("$s", sink);
                cmd.Parameters.AddWithValue("$e", action.Episode.ToString());
                cmd.Parameters.AddWithValue("$a", json);
                cmd.Parameters.AddWithValue("$t", action.At.UtcTicks);
                cmd.Parameters.AddWithValue("$n", (action.NotBefore ?? action.At).UtcTicks);
                added += cmd.ExecuteNonQuery();
            }
            tx.Commit();
            return added;
        }, cancellationToken);
    }

    /// <summary>All pending entries, oldest first (due or still backing off).</summary>
    public Task<IReadOnlyList<OutboxEntry>> PendingAsync(CancellationToken cancellationToken) =>
        QueryAsync("status = 'Pending'", cancellationToken);

    public Task<IReadOnlyList<OutboxEntry>> AllAsync(CancellationToken cancellationToken) =>
        QueryAsync("1 = 1", cancellationToken);

    /// <summary>Every entry not delivered yet, dead ones included, oldest first: what an operator must see (status, UI).</summary>
    public Task<IReadOnlyList<OutboxEntry>> UndeliveredAsync(CancellationToken cancellationToken) =>
        QueryAsync("status <> 'Done'", cancellationToken);

    /// <summary>
    /// Gives dead entries (all, or the one with <paramref name="id"/>) a fresh set of attempts, due at
    /// <paramref name="now"/>; returns how many were revived. Done and pending entries are left alone.
    /// </summary>
    public Task<int> RetryDeadAsync(long? id, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.UseAsync(c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = "UPDATE outbox SET status = 'Pending', attempts = 0, next_attempt = $n WHERE status = 'Dead' AND ($id IS NULL OR id = $id)";
            cmd.Parameters.AddWithValue("$n", now.UtcTicks);
            cmd.Parameters.AddWithValue("$id", id is { } v ? v : DBNull.Value);
            return cmd.ExecuteNonQuery();
        }, cancellationToken);

    /// <summary>
    /// The remote ticket id a sink returned for an episode (from its first delivered action, the open), or null while
    /// none of the episode's actions has reached that sink.
    /// </summary>
    public Task<string?> RemoteIdAsync(string episode, string sink, CancellationToken cancellationToken) =>
        db.UseAsync(c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT remote_id FROM outbox WHERE episode = $e AND sink = $s AND status = 'Done' AND remote_id IS NOT NULL ORDER BY id LIMIT 1";
            cmd.Parameters.AddWithValue("$e", episode);
            cmd.Parameters.AddWithValue("$s", sink);
            return cmd.ExecuteScalar() as string;
        }, cancellationToken);

    public Task MarkDoneAsync(long id, string remoteId, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE outbox SET status = 'Done', attempts = attempts + 1, remote_id = $r, last_error = NULL WHERE id = $id",
            cancellationToken, ("$id", id), ("$r", remoteId));

    public Task MarkFailedAsync(long id, string error, DateTimeOffset nextAttempt, bool dead, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE outbox SET status = $st, attempts = attempts + 1, last_error = $err, next_attempt = $n WHERE id = $id",
            cancellationToken, ("$id", id), ("$st", dead ? "Dead" : "Pending"), ("$err", error), ("$n", nextAttempt.UtcTicks));

    private Task ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters) =>
        db.UseAsync(c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
            return cmd.ExecuteNonQuery();
        }, cancellationToken);

    /// <summary><see cref="UndeliveredAsync"/> for a synchronous caller (the status section, read every few seconds).</summary>
    public IReadOnlyList<OutboxEntry> Undelivered() => db.Use(c => Query(c, "status <> 'Done'"));

    private Task<IReadOnlyList<OutboxEntry>> QueryAsync(string where, CancellationToken cancellationToken) =>
        db.UseAsync(c => Query(c, where), cancellationToken);

    private static IReadOnlyList<OutboxEntry> Query(Microsoft.Data.Sqlite.SqliteConnection c, string where)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT id, sink, action, status, attempts, last_error, remote_id, next_attempt FROM outbox WHERE {where} ORDER BY id";
        using var r = cmd.ExecuteReader();
        var list = new List<OutboxEntry>();
        while (r.Read())
        {
            var action = JsonSerializer.Deserialize<EscalationAction>(r.GetString(2), JsonlEvidenceLedger.BodyOptions)!;
            list.Add(new OutboxEntry(r.GetInt64(0), r.GetString(1), action, Enum.Parse<OutboxStatus>(r.GetString(3)), r.GetInt32(4),
                r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6))
            {
                NextAttempt = new DateTimeOffset(r.GetInt64(7), TimeSpan.Zero),
            });
        }
        return list;
    }

    public void Dispose() => db.Dispose();
}
