using ValueGuard.Core.Commitments;
using ValueGuard.Core.Storage;

namespace ValueGuard.Storage.Commitments;

/// <summary>Commitment snapshots in SQLite, one row per clause, keyed also by the clause definition's hash.</summary>
public sealed class SqliteCommitmentStore : ICommitmentStore, IDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS commitments (
          contract TEXT NOT NULL, clause TEXT NOT NULL, definition TEXT NOT NULL,
          state TEXT NOT NULL, since INTEGER NOT NULL, episode INTEGER NOT NULL,
          level INTEGER NOT NULL, last_escalation INTEGER NULL,
          pending_trigger TEXT NULL, pending_since INTEGER NULL,
          PRIMARY KEY (contract, clause));
        """;

    private readonly SqliteDatabase db;

    public SqliteCommitmentStore(string path)
    {
        db = new SqliteDatabase(path, Schema);
        AddColumnIfMissing("pending_trigger", "TEXT NULL");
        AddColumnIfMissing("pending_since", "INTEGER NULL");
        AddColumnIfMissing("period_from", "INTEGER NULL");
    }

    /// <summary>Brings a state file written by an earlier version up to date, keeping its rows.</summary>
    private void AddColumnIfMissing(string column, string type)
    {
        using var cmd = db.Connection.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM pragma_table_info('commitments') WHERE name = $n";
        cmd.Parameters.AddWithValue("$n", column);
        if ((long)cmd.ExecuteScalar()! == 0) db.Execute($"ALTER TABLE commitments ADD COLUMN {column} {type}");
    }

    public Task<CommitmentSnapshot?> LoadAsync(string contractId, string clauseId, string definitionHash, CancellationToken cancellationToken) =>
        db.UseAsync(c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT definition, state, since, episode, level, last_escalation, pending_trigger, pending_since, period_from FROM commitments WHERE contract = $c AND clause = $k";
            cmd.Parameters.AddWithValue("$c", contractId);
            cmd.Parameters.AddWithValue("$k", clauseId);
            using var r = cmd.ExecuteReader();
            if (!r.Read() || r.GetString(0) != definitionHash) return null;
            return new CommitmentSnapshot(
                Enum.Parse<CommitmentState>(r.GetString(1)),
                new DateTimeOffset(r.GetInt64(2), TimeSpan.Zero),
                r.GetInt32(3),
                r.GetInt32(4),
                r.IsDBNull(5) ? null : new DateTimeOffset(r.GetInt64(5), TimeSpan.Zero))
            {
                PendingTrigger = r.IsDBNull(6) ? null : Enum.Parse<CommitmentTrigger>(r.GetString(6)),
                PendingSince = r.IsDBNull(7) ? null : new DateTimeOffset(r.GetInt64(7), TimeSpan.Zero),
                PeriodFrom = r.IsDBNull(8) ? null : new DateTimeOffset(r.GetInt64(8), TimeSpan.Zero),
            };
        }, cancellationToken);

    public Task SaveAsync(string contractId, string clauseId, string definitionHash, CommitmentSnapshot snapshot, CancellationToken cancellationToken) =>
        db.UseAsync(c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = """
                INSERT INTO commitments (contract, clause, definition, state, since, episode, level, last_escalation, pending_trigger, pending_since, period_from)
                VALUES ($c, $k, $d, $s, $since, $e, $l, $le, $pt, $ps, $pf)
                ON CONFLICT (contract, clause) DO UPDATE SET definition = $d, state = $s, since = $since,
                  episode = $e, level = $l, last_escalation = $le, pending_trigger = $pt, pending_since = $ps, period_from = $pf
                """;
            cmd.Parameters.AddWithValue("$c", contractId);
            cmd.Parameters.AddWithValue("$k", clauseId);
            cmd.Parameters.AddWithValue("$d", definitionHash);
            cmd.Parameters.AddWithValue("$s", snapshot.State.ToString());
            cmd.Parameters.AddWithValue("$since", snapshot.Since.UtcTicks);
            cmd.Parameters.AddWithValue("$e", snapshot.EpisodeNumber);
            cmd.Parameters.AddWithValue("$l", snapshot.EscalationLevel);
            cmd.Parameters.AddWithValue("$le", (object?)snapshot.LastEscalationAt?.UtcTicks ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$pt", (object?)snapshot.PendingTrigger?.ToString() ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$ps", (object?)snapshot.PendingSince?.UtcTicks ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$pf", (object?)snapshot.PeriodFrom?.UtcTicks ?? DBNull.Value);
            return cmd.ExecuteNonQuery();
        }, cancellationToken);

    public void Dispose() => db.Dispose();
}
