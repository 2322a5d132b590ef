using ValueGuard.Core.Commitments;
using ValueGuard.Storage.Commitments;
using ValueGuard.Testing;

namespace ValueGuard.Storage.Tests;

public class CommitmentStoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_snapshot_survives_reopening()
    {
        using var dir = new TempDirectory();
        var snapshot = new CommitmentSnapshot(CommitmentState.Escalated, T0, 3, 2, T0.AddHours(4))
        {
            PendingTrigger = CommitmentTrigger.EvaluatedMet,
            PendingSince = T0.AddHours(5),
        };
        using (var store = new SqliteCommitmentStore(dir.File("state.db")))
            await store.SaveAsync("C-1", "clause-a", "def-1", snapshot, default);

        using var reopened = new SqliteCommitmentStore(dir.File("state.db"));

        Assert.Equal(snapshot, await reopened.LoadAsync("C-1", "clause-a", "def-1", default));
    }

    [Fact]
    public async Task Flapping_waiver_snooze_and_a_missed_period_survive_reopening()
    {
        using var dir = new TempDirectory();
        var snapshot = new CommitmentSnapshot(CommitmentState.Waived, T0, 2, 1, T0.AddHours(1))
        {
            RecentChanges = new RecentChanges([T0.AddMinutes(1), T0.AddMinutes(7)]),
            FlappingSince = T0.AddMinutes(7),
            LastVerdict = ValueGuard.Core.Verdicts.Verdict.AtRisk,
            LastVerdictSince = T0.AddMinutes(8),
            SnoozedUntil = T0.AddHours(6),
            WaivedUntil = T0.AddDays(2),
            WaivedFrom = CommitmentState.Escalated,
            Missed = true,
        };
        using (var store = new SqliteCommitmentStore(dir.File("state.db")))
            await store.SaveAsync("C-1", "clause-a", "def-1", snapshot, default);

        using var reopened = new SqliteCommitmentStore(dir.File("state.db"));

        Assert.Equal(snapshot, await reopened.LoadAsync("C-1", "clause-a", "def-1", default));
        Assert.Equal(("C-1", "clause-a", "def-1"), (await reopened.AllAsync(default)) is [var only] ? (only.ContractId, only.ClauseId, only.DefinitionHash) : default);
    }

    [Fact]
    public async Task A_changed_clause_definition_starts_afresh()
    {
        using var dir = new TempDirectory();
        using var store = new SqliteCommitmentStore(dir.File("state.db"));
        await store.SaveAsync("C-1", "clause-a", "def-1", new CommitmentSnapshot(CommitmentState.Breached, T0, 1, 0, T0), default);

        Assert.Null(await store.LoadAsync("C-1", "clause-a", "def-2", default));
        Assert.Null(await store.LoadAsync("C-1", "clause-b", "def-1", default));
    }
}
