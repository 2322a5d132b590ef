using System.Buffers;
using ValueGuard.Ingest.Mqtt.Client;
using ValueGuard.Testing;

namespace ValueGuard.Ingest.Mqtt.Tests;

public class DeadLetterFileTests
{
    [Fact]
    public void Payloads_are_cut_at_4_KB_and_the_file_rotates_when_full()
    {
        using var dir = new TempDirectory();
        var file = new DeadLetterFile(dir.File("dl.jsonl"), maxFileBytes: 20_000);
        var big = new ReadOnlySequence<byte>(new byte[10 * 1024 * 1024]);

        for (var i = 0; i < 5; i++) file.Write(DateTimeOffset.UnixEpoch, "t", "too-large", "10 MB", big);

        var current = new FileInfo(dir.File("dl.jsonl"));
        Assert.True(current.Length <= 20_000);
        Assert.True(File.Exists(dir.File("dl.jsonl.1")));
        Assert.True(new FileInfo(dir.File("dl.jsonl.1")).Length <= 20_000);
        Assert.Contains("\"payload_bytes\":10485760", File.ReadLines(dir.File("dl.jsonl")).First());
    }
}
