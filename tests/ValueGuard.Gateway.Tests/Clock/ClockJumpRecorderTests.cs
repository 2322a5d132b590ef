using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using ValueGuard.Core.Evidence;
using ValueGuard.Gateway.Clock;
using ValueGuard.Storage.Evidence;
using ValueGuard.Testing;

namespace ValueGuard.Gateway.Tests.Clock;

public sealed class ClockJumpRecorderTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory dir = new();

    [Fact]
    public async Task Jumps_forwards_and_backwards_become_clock_jump_records_in_a_ledger_that_verifies()
    {
        var wall = new ManualClock(T0);
        var monotonic = TimeSpan.Zero;
        var path = dir.File("evidence.jsonl");
        using (var ledger = new JsonlEvidenceLedger(path))
        {
            var recorder = new ClockJumpRecorder(new ClockJumpDetector(wall, () => monotonic, TimeSpan.FromMinutes(1)), ledger, NullLogger<ClockJumpRecorder>.Instance);
            Assert.Null(await recorder.CheckAsync(default));
            monotonic += TimeSpan.FromMinutes(1);
            wall.Advance(TimeSpan.FromHours(1));
            Assert.NotNull(await recorder.CheckAsync(default));
            monotonic += TimeSpan.FromMinutes(1);
            wall.Advance(TimeSpan.FromMinutes(1));
            Assert.Null(await recorder.CheckAsync(default));
            monotonic += TimeSpan.FromMinutes(1);
            wall.Advance(-TimeSpan.FromMinutes(30));
            Assert.NotNull(await recorder.CheckAsync(default));
        }

        var records = File.ReadAllLines(path).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.All(records, r => Assert.Equal(EvidenceKinds.ClockJump, r.GetProperty("kind").GetString()));
        var deltas = records.Select(r => r.GetProperty("body").GetProperty("delta_seconds").GetDouble());
        Assert.Equal([3540.0, -1860.0], deltas);
        Assert.Equal(T0.AddMinutes(1), records[0].GetProperty("body").GetProperty("from").GetDateTimeOffset());
        Assert.Equal(T0.AddHours(1), records[0].GetProperty("body").GetProperty("to").GetDateTimeOffset());
        Assert.True(LedgerVerifier.Verify(path).Intact);
    }

    public void Dispose() => dir.Dispose();
}
