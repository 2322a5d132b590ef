using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using ValueGuard.Core.Evidence;
using ValueGuard.Gateway.Clock;
using ValueGuard.Gateway.Status;
using ValueGuard.Storage.Evidence;
using ValueGuard.Testing;

namespace ValueGuard.Gateway.Tests.Clock;

public sealed class ClockSyncRecorderTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory dir = new();

    private sealed class FakeSyncSource : IClockSyncSource
    {
        public ClockSyncState State { get; set; } = ClockSyncState.Synchronised;

        public ClockSynchronisation Read() => new(State, "fake", $"fake says {State}");
    }

    private List<JsonElement> Records(string kind) =>
        [.. File.ReadAllLines(dir.File("ledger.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).Where(r => r.GetProperty("kind").GetString() == kind)];

    [Fact]
    public async Task Losing_synchronisation_is_recorded_once_and_regaining_it_once()
    {
        var source = new FakeSyncSource();
        using (var ledger = new JsonlEvidenceLedger(dir.File("ledger.jsonl")))
        {
            var recorder = new ClockSyncRecorder(source, ledger, new ClockHealth(), NullLogger<ClockSyncRecorder>.Instance);
            await recorder.CheckAsync(T0, default);
            source.State = ClockSyncState.Unsynchronised;
            await recorder.CheckAsync(T0.AddMinutes(1), default);
            await recorder.CheckAsync(T0.AddMinutes(2), default);
            source.State = ClockSyncState.Synchronised;
            await recorder.CheckAsync(T0.AddMinutes(3), default);
        }

        var records = Records(EvidenceKinds.ClockSync);
        Assert.Equal([false, true], records.Select(r => r.GetProperty("body").GetProperty("synchronised").GetBoolean()));
        Assert.Equal(T0.AddMinutes(1), records[0].GetProperty("at").GetDateTimeOffset());
        Assert.Equal("fake says Unsynchronised", records[0].GetProperty("body").GetProperty("detail").GetString());
        Assert.True(LedgerVerifier.Verify(dir.File("ledger.jsonl")).Intact);
    }

    [Fact]
    public async Task An_unknown_state_records_nothing()
    {
        var source = new FakeSyncSource { State = ClockSyncState.Unknown };
        using (var ledger = new JsonlEvidenceLedger(dir.File("ledger.jsonl")))
        {
            var health = new ClockHealth();
            await new ClockSyncRecorder(source, ledger, health, NullLogger<ClockSyncRecorder>.Instance).CheckAsync(T0, default);
            Assert.Null(ClockStatusSection.Describe(health)["ntp_synchronised"]);
        }

        Assert.Empty(Records(EvidenceKinds.ClockSync));
    }

    [Fact]
    public async Task A_restarted_gateway_still_unsynchronised_does_not_record_it_again_and_status_shows_the_last_jump()
    {
        var source = new FakeSyncSource { State = ClockSyncState.Unsynchronised };
        var ledgerPath = dir.File("ledger.jsonl");
        using (var ledger = new JsonlEvidenceLedger(ledgerPath))
        {
            await new ClockSyncRecorder(source, ledger, new ClockHealth(), NullLogger<ClockSyncRecorder>.Instance).CheckAsync(T0, default);
            await ledger.AppendAsync(EvidenceKinds.ClockJump, T0.AddHours(2),
                ClockJumpEvidence.Of(new ClockJump(T0.AddMinutes(1), T0.AddHours(2), TimeSpan.FromMinutes(119)), TimeSpan.FromMinutes(1)), default);
        }

        var health = ClockHealth.Load(ledgerPath);
        using (var ledger = new JsonlEvidenceLedger(ledgerPath))
            await new ClockSyncRecorder(source, ledger, health, NullLogger<ClockSyncRecorder>.Instance).CheckAsync(T0.AddHours(3), default);

        Assert.Single(Records(EvidenceKinds.ClockSync));
        var status = ClockStatusSection.Describe(health);
        Assert.False(status["ntp_synchronised"]!.GetValue<bool>());
        Assert.Equal(7140.0, status["last_jump_seconds"]!.GetValue<double>());
        Assert.Equal(T0.AddHours(2).ToString("O", System.Globalization.CultureInfo.InvariantCulture), status["last_jump_at"]!.GetValue<string>());
    }

    [Fact]
    public void The_kernel_answers_adjtimex_on_this_machine()
    {
        Assert.True(OperatingSystem.IsLinux(), "the gateway's clock-sync reading is tested on Linux");

        var reading = new KernelClockSyncSource().Read();

        Assert.NotEqual(ClockSyncState.Unknown, reading.State);
        Assert.Equal("adjtimex", reading.Source);
        Assert.Matches(@"^adjtimex returned TIME_\w+, status 0x[0-9a-f]{4}", reading.Detail);
    }

    public void Dispose() => dir.Dispose();
}
