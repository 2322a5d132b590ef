using ValueGuard.Core.Evidence;

namespace ValueGuard.Core.Tests;

public class EvidenceChainTests
{
    [Fact]
    public void A_sealed_record_opens_to_the_text_that_was_hashed()
    {
        const string json = """{"seq":1,"prev":"00","body":{"a":1}}""";

        var line = EvidenceChain.Seal(json, out var hash);

        Assert.True(EvidenceChain.TryOpen(line, out var unsigned, out var claimed));
        Assert.Equal(json, unsigned);
        Assert.Equal(hash, claimed);
        Assert.Equal(EvidenceChain.HashOf(json), hash);
    }

    [Fact]
    public void A_changed_byte_changes_the_hash()
    {
        Assert.NotEqual(EvidenceChain.HashOf("""{"v":1}"""), EvidenceChain.HashOf("""{"v":2}"""));
    }
}
