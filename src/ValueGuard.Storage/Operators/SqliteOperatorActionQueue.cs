using ValueGuard.Core.Commitments;

namespace ValueGuard.Storage.Operators;

/// <summary>
/// The durable queue of acknowledgements, snoozes and waivers (<c>operator-actions.db</c> in the data folder).
/// The CLI writes to it whether or not the gateway runs; the gateway applies what is queued, in order, and
/// marks each applied or refused, so an action is never lost and never applied twice.
/// </summary>
public sealed class SqliteOperatorActionQueue : IDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS operator_actions (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          kind TEXT NOT NULL, contract TEXT NOT NULL, clause TEXT NOT NULL,
          actor TEXT NOT NULL, reason TEXT NOT NULL, until INTEGER NULL, requested INTEGER NOT NULL,
          status TEXT NOT NULL, detail TEXT NULL, applied INTEGER NULL);
        """;

    private const string Columns = "id, kind, contract, clause, actor, reason, until, requested, status, detail, applied";

    private readonly SqliteDatabase db;

    public SqliteOperatorActionQueue(string path)
    {
        db = new SqliteDatabase(path, Schema);
    }

    /// <summary>Queues an action; returns its id.</summary>
    public Task<long> EnqueueAsync(OperatorAction action, CancellationToken cancellationToken) =>
        db.UseAsync(c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = """
                INSERT INTO operator_actions (kind, contract, clause, actor, reason, until, requested, status)
                VALUES ($k, $c, $cl, $a, $r, $u, $t, 'Queued') RETURNING id
                """;
            cmd.Parameters.AddWithValue("$k", action.Kind.ToString());
            cmd.Parameters.AddWithValue("$c", action.ContractId);
            cmd.Parameters.AddWithValue("$cl", action.ClauseId);
            cmd.Parameters.AddWithValue("$a", action.Actor);
            cmd.Parameters.AddWithValue("$r", action.Reason);
            cmd.Parameters.AddWithValue("$u", (object?)action.Until?.UtcTicks ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$t", action.RequestedAt.UtcTicks);
            return (long)cmd.ExecuteScalar()!;
        }, cancellationToken);

    /// <summary>The actions still waiting, oldest first.</summary>
    public Task<IReadOnlyList<QueuedOperatorAction>> QueuedAsync(CancellationToken cancellationToken) =>
        db.UseAsync<IReadOnlyList<QueuedOperatorAction>>(c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = $"SELECT {Columns} FROM operator_actions WHERE status = 'Queued' ORDER BY id";
            using var r = cmd.ExecuteReader();
            var list = new List<QueuedOperatorAction>();
            while (r.Read()) list.Add(Read(r));
            return list;
        }, cancellationToken);

    public Task<QueuedOperatorAction?> FindAsync(long id, CancellationToken cancellationToken) =>
        db.UseAsync(c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = $"SELECT {Columns} FROM operator_actions WHERE id = $id";
            cmd.Parameters.AddWithValue("$id", id);
            using var r = cmd.ExecuteReader();
            return r.Read() ? Read(r) : null;
        }, cancellationToken);

    /// <summary>Marks a queued action applied or refused; an action already completed is left as it is.</summary>
    public Task CompleteAsync(long id, OperatorActionStatus status, string detail, DateTimeOffset at, CancellationToken cancellationToken) =>
        db.UseAsync(c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = "UPDATE operator_actions SET status = $s, detail = $d, applied = $t WHERE id = $id AND status = 'Queued'";
            cmd.Parameters.AddWithValue("$s", status.ToString());
            cmd.Parameters.AddWithValue("$d", detail);
            cmd.Parameters.AddWithValue("$t", at.UtcTicks);
            cmd.Parameters.AddWithValue("$id", id);
            return cmd.ExecuteNonQuery();
        }, cancellationToken);

    private static QueuedOperatorAction Read(Microsoft.Data.Sqlite.SqliteDataReader r)
    {
        var action = new OperatorAction(
            Enum.Parse<OperatorActionKind>(r.GetString(1)), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5),
            r.IsDBNull(6) ? null : new DateTimeOffset(r.GetInt64(6), TimeSpan.Zero),
            new DateTimeOffset(r.GetInt64(7), TimeSpan.Zero));
        return new QueuedOperatorAction(r.GetInt64(0), action, Enum.Parse<OperatorActionStatus>(r.GetString(8)),
            r.IsDBNull(9) ? null : r.GetString(9), r.IsDBNull(10) ? null : new DateTimeOffset(r.GetInt64(10), TimeSpan.Zero));
    }

    public void Dispose() => db.Dispose();
}
