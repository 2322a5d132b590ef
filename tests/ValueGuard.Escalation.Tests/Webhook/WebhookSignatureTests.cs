using System.Text;
using ValueGuard.Escalation.Sinks.Webhook;

namespace ValueGuard.Escalation.Tests.Webhook;

public class WebhookSignatureTests
{
    private static readonly byte[] Secret = Encoding.UTF8.GetBytes("whsec-example");
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"kind":"open"}""");
    private const long Timestamp = 1773288000; // 2026-03-12T04:00:00Z
    private static readonly DateTimeOffset SentAt = DateTimeOffset.FromUnixTimeSeconds(Timestamp);

    [Fact]
    public void Matches_the_openssl_example_in_the_docs()
    {
        // printf '%s' '1773288000.{"kind":"open"}' | openssl dgst -sha256 -hmac 'whsec-example'
        Assert.Equal("sha256=bbb2f2527b202c98d035f8d67bb0c981d8b190b800557bfd2b83dfa6973d66c1", WebhookSignature.Compute(Secret, Timestamp, Body));
    }

    [Fact]
    public void Accepts_a_fresh_request_with_the_right_signature()
    {
        var header = WebhookSignature.Compute(Secret, Timestamp, Body);

        Assert.Equal(WebhookVerification.Valid, WebhookSignature.Verify(Secret, "1773288000", Body, header, SentAt.AddMinutes(4)));
    }

    [Theory]
    [InlineData(6)]
    [InlineData(-6)]
    public void Rejects_a_request_outside_the_five_minute_window(int minutesLater)
    {
        var header = WebhookSignature.Compute(Secret, Timestamp, Body);

        Assert.Equal(WebhookVerification.OutsideTimeWindow, WebhookSignature.Verify(Secret, "1773288000", Body, header, SentAt.AddMinutes(minutesLater)));
    }

    [Fact]
    public void A_wider_tolerance_accepts_an_older_request()
    {
        var header = WebhookSignature.Compute(Secret, Timestamp, Body);

        Assert.Equal(WebhookVerification.Valid,
            WebhookSignature.Verify(Secret, "1773288000", Body, header, SentAt.AddMinutes(20), TimeSpan.FromMinutes(30)));
    }

    [Fact]
    public void Rejects_a_changed_body_a_changed_timestamp_and_another_secret()
    {
        var header = WebhookSignature.Compute(Secret, Timestamp, Body);
        var now = SentAt.AddSeconds(10);

        Assert.Equal(WebhookVerification.WrongSignature, WebhookSignature.Verify(Secret, "1773288000", Encoding.UTF8.GetBytes("""{"kind":"close"}"""), header, now));
        Assert.Equal(WebhookVerification.WrongSignature, WebhookSignature.Verify(Secret, "1773288001", Body, header, now));
        Assert.Equal(WebhookVerification.WrongSignature, WebhookSignature.Verify("other"u8, "1773288000", Body, header, now));
    }

    [Theory]
    [InlineData(null, "sha256=00")]
    [InlineData("12:00", "sha256=00")]
    [InlineData("1773288000", null)]
    [InlineData("1773288000", "md5=00")]
    public void Rejects_missing_or_malformed_headers(string? timestamp, string? signature)
    {
        Assert.Equal(WebhookVerification.Malformed, WebhookSignature.Verify(Secret, timestamp, Body, signature, SentAt));
    }
}
