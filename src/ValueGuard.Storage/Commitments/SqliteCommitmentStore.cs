using System.Globalization;
using Microsoft.Data.Sqlite;
using ValueGuard.Core.Commitments;
using ValueGuard.Core.Storage;
using ValueGuard.Core.Verdicts;

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

    /// <summary>Columns added after the first release, with their types; a state file from before gets them on open.</summary>
    private static readonly (string Column, string Type)[] LaterColumns =
    [
        ("pending_trigger", "TEXT NULL"), ("pending_since", "INTEGER NULL"),
        ("recent_changes", "TEXT NULL"), ("flapping_since", "INTEGER NULL"),
        ("last_verdict", "TEXT NULL"), ("last_verdict_since", "INTEGER NULL"),
        ("snoozed_until", "INTEGER NULL"), ("waived_until", "INTEGER NULL"), ("waived_from", "TEXT NULL"),
        ("missed", "INTEGER NOT NULL DEFAULT 0"), ("period_from", "INTEGER NULL"),
        ("journal", "TEXT NULL"),
    ];

    private const string Columns = "definition, state, since, episode, level, last_escalation, pending_trigger, pending_since, recent_changes, flapping_since, last_verdict, last_verdict_since, snoozed_until, waived_until, waived_from, missed, period_from, journal";

    private readonly SqliteDatabase db;

    public SqliteCommitmentStore(string path)
    {
        db = new SqliteDatabase(path, Schema);
        foreach (var (column, type) in LaterColumns) AddColumnIfMissing(column, type);
    }

    /// <summary>Brings a state file written by an earlier version up to date, keeping its rows.</summary>
    private void AddColumnIfMissing(string column, string type)
    {
        using var cmd = db.Connection.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM pragma_table_info('commitments') WHERE name = $n";
        cmd.Parameters.AddWithValue("$n", column);
        if ((long)cmd.ExecuteScalar()! == 0) db.Execute($"ALTER TABLE commitments ADD COLUMN {column} {type}");
    }

    public async Task<CommitmentSnapshot?> LoadAsync(string contractId, string clauseId, string definitionHash, CancellationToken cancellationToken) =>
        await FindAsync(contractId, clauseId, cancellationToken).ConfigureAwait(false) is { } stored && stored.DefinitionHash == definitionHash ? stored.Snapshot : null;

    public Task<StoredCommitment?> FindAsync(string contractId, string clauseId, CancellationToken cancellationToken) =>
        db.UseAsync(c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = $"SELECT contract, clause, {Columns} FROM commitments WHERE contract = $c AND clause = $k";
            cmd.Parameters.AddWithValue("$c", contractId);
            cmd.Parameters.AddWithValue("$k", clauseId);
            using var r = cmd.ExecuteReader();
            return r.Read() ? Read(r) : null;
        }, cancellationToken);

    public Task<IReadOnlyList<StoredCommitment>> AllAsync(CancellationToken cancellationToken) =>
        db.UseAsync<IReadOnlyList<StoredCommitment>>(c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = $"SELECT contract, clause, {Columns} FROM commitments ORDER BY contract, clause";
            using var r = cmd.ExecuteReader();
            var all = new List<StoredCommitment>();
            while (r.Read()) all.Add(Read(r));
            return all;
        }, cancellationToken);

    public Task DeleteAsync(string contractId, string clauseId, CancellationToken cancellationToken) =>
        ExecuteForClause("DELETE FROM commitments WHERE contract = $c AND clause = $k", contractId, clauseId, cancellationToken);

    private Task ExecuteForClause(string sql, string contractId, string clauseId, CancellationToken cancellationToken) =>
        db.UseAsync(c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            cmd.Parameters.AddWithValue("$c", contractId);
            cmd.Parameters.AddWithValue("$k", clauseId);
            return cmd.ExecuteNonQuery();
        }, cancellationToken);

    private static StoredCommitment Read(SqliteDataReader r)
    {
        var snapshot = new CommitmentSnapshot(
            Enum.Parse<CommitmentState>(r.GetString(3)),
            Instant(r, 4)!.Value,
            r.GetInt32(5),
            r.GetInt32(6),
            Instant(r, 7))
        {
            PendingTrigger = r.IsDBNull(8) ? null : Enum.Parse<CommitmentTrigger>(r.GetString(8)),
            PendingSince = Instant(r, 9),
            RecentChanges = r.IsDBNull(10) || r.GetString(10).Length == 0 ? RecentChanges.None
                : new RecentChanges(r.GetString(10).Split(' ').Select(t => new DateTimeOffset(long.Parse(t, CultureInfo.InvariantCulture), TimeSpan.Zero))),
            FlappingSince = Instant(r, 11),
            LastVerdict = r.IsDBNull(12) ? null : Enum.Parse<Verdict>(r.GetString(12)),
            LastVerdictSince = Instant(r, 13),
            SnoozedUntil = Instant(r, 14),
            WaivedUntil = Instant(r, 15),
            WaivedFrom = r.IsDBNull(16) ? null : Enum.Parse<CommitmentState>(r.GetString(16)),
            Missed = r.GetInt64(17) != 0,
            PeriodFrom = Instant(r, 18),
        };
        return new StoredCommitment(r.GetString(0), r.GetString(1), r.GetString(2), snapshot) { Journal = r.IsDBNull(19) ? null : r.GetString(19) };
    }

    private static DateTimeOffset? Instant(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : new DateTimeOffset(r.GetInt64(i), TimeSpan.Zero);

    public Task SaveAsync(string contractId, string clauseId, string definitionHash, CommitmentSnapshot snapshot, CancellationToken cancellationToken) =>
        Save(contractId, clauseId, definitionHash, snapshot, null, cancellationToken);

    public Task BeginRecordingAsync(string contractId, string clauseId, string definitionHash, CommitmentSnapshot snapshot, string journal, CancellationToken cancellationToken) =>
        Save(contractId, clauseId, definitionHash, snapshot, journal, cancellationToken);

    public Task EndRecordingAsync(string contractId, string clauseId, CancellationToken cancellationToken) =>
        ExecuteForClause("UPDATE commitments SET journal = NULL WHERE contract = $c AND clause = $k", contractId, clauseId, cancellationToken);

    private Task Save(string contractId, string clauseId, string definitionHash, CommitmentSnapshot snapshot, string? journal, CancellationToken cancellationToken) =>
        db.UseAsync(c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = $"""
                INSERT INTO commitments (contract, clause, {Columns})
                VALUES ($c, $k, $d, $s, $since, $e, $l, $le, $pt, $ps, $rc, $fs, $lv, $lvs, $su, $wu, $wf, $m, $pf, $j)
                ON CONFLICT (contract, clause) DO UPDATE SET definition = $d, state = $s, since = $since,
                  episode = $e, level = $l, last_escalation = $le, pending_trigger = $pt, pending_since = $ps,
                  recent_changes = $rc, flapping_since = $fs, last_verdict = $lv, last_verdict_since = $lvs,
                  snoozed_until = $su, waived_until = $wu, waived_from = $wf, missed = $m, period_from = $pf, journal = COALESCE($j, journal)
                """;
            cmd.Parameters.AddWithValue("$c", contractId);
            cmd.Parameters.AddWithValue("$k", clauseId);
            cmd.Parameters.AddWithValue("$d", definitionHash);
            cmd.Parameters.AddWithValue("$s", snapshot.State.ToString());
            cmd.Parameters.AddWithValue("$since", snapshot.Since.UtcTicks);
            cmd.Parameters.AddWithValue("$e", snapshot.EpisodeNumber);
            cmd.Parameters.AddWithValue("$l", snapshot.EscalationLevel);
            cmd.Parameters.AddWithValue("$le", Ticks(snapshot.LastEscalationAt));
            cmd.Parameters.AddWithValue("$pt", (object?)snapshot.PendingTrigger?.ToString() ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$ps", Ticks(snapshot.PendingSince));
            cmd.Parameters.AddWithValue("$rc", string.Join(' ', snapshot.RecentChanges.Instants.Select(i => i.UtcTicks.ToString(CultureInfo.InvariantCulture))));
            cmd.Parameters.AddWithValue("$fs", Ticks(snapshot.FlappingSince));
            cmd.Parameters.AddWithValue("$lv", (object?)snapshot.LastVerdict?.ToString() ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$lvs", Ticks(snapshot.LastVerdictSince));
            cmd.Parameters.AddWithValue("$su", Ticks(snapshot.SnoozedUntil));
            cmd.Parameters.AddWithValue("$wu", Ticks(snapshot.WaivedUntil));
            cmd.Parameters.AddWithValue("$wf", (object?)snapshot.WaivedFrom?.ToString() ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$m", snapshot.Missed ? 1 : 0);
            cmd.Parameters.AddWithValue("$pf", Ticks(snapshot.PeriodFrom));
            cmd.Parameters.AddWithValue("$j", (object?)journal ?? DBNull.Value);
            return cmd.ExecuteNonQuery();
        }, cancellationToken);

    private static object Ticks(DateTimeOffset? instant) => (object?)instant?.UtcTicks ?? DBNull.Value;

    public void Dispose() => db.Dispose();
}
