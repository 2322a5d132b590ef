using System.Text;
using CsCheck;
using ValueGuard.Escalation.Sinks.Webhook;

namespace ValueGuard.FaultTests.HostileInput;

/// <summary>A webhook receiver checking ValueGuard's signature: whatever headers arrive, only the genuine request passes.</summary>
public sealed class WebhookVerificationFuzzTests
{
    private static readonly byte[] Secret = Encoding.UTF8.GetBytes("s3cret-for-fuzzing");
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_795_000_000);

    [Fact]
    public void Random_headers_never_verify_and_never_throw()
    {
        Gen.Select(Gen.String[0, 40], Gen.String[0, 90], Gen.Byte.Array[0, 256]).Sample((timestamp, signature, body) =>
        {
            var outcome = WebhookSignature.Verify(Secret, timestamp, body, signature, Now);
            Assert.NotEqual(WebhookVerification.Valid, outcome);
        }, iter: 20_000);
    }

    [Fact]
    public void Any_single_bit_flipped_in_a_genuine_body_fails_verification()
    {
        Gen.Select(Gen.Byte.Array[1, 512], Gen.Int[0, int.MaxValue], Gen.Int[0, 7]).Sample((body, index, bit) =>
        {
            var timestamp = Now.ToUnixTimeSeconds();
            var signature = WebhookSignature.Compute(Secret, timestamp, body);
            Assert.Equal(WebhookVerification.Valid, WebhookSignature.Verify(Secret, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture), body, signature, Now));

            var tampered = (byte[])body.Clone();
            tampered[index % tampered.Length] ^= (byte)(1 << bit);
            Assert.Equal(WebhookVerification.WrongSignature,
                WebhookSignature.Verify(Secret, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture), tampered, signature, Now));
        }, iter: 2_000);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("99999999999999999999999")]
    [InlineData("9223372036854775807")]
    [InlineData(" 1795000000")]
    [InlineData("1795000000\n")]
    [InlineData("１７９５")]
    public void Odd_timestamps_are_malformed_or_outside_the_window(string timestamp)
    {
        var body = "{}"u8.ToArray();
        var outcome = WebhookSignature.Verify(Secret, timestamp, body, WebhookSignature.Compute(Secret, Now.ToUnixTimeSeconds(), body), Now);

        Assert.True(outcome is WebhookVerification.Malformed or WebhookVerification.OutsideTimeWindow, outcome.ToString());
    }

    [Fact]
    public void A_replay_of_a_genuine_request_after_the_window_is_refused()
    {
        var body = "{\"episode\":\"acme/avail/1\"}"u8.ToArray();
        var sent = Now.ToUnixTimeSeconds();
        var signature = WebhookSignature.Compute(Secret, sent, body);

        Assert.Equal(WebhookVerification.Valid, WebhookSignature.Verify(Secret, sent.ToString(System.Globalization.CultureInfo.InvariantCulture), body, signature, Now.AddMinutes(4)));
        Assert.Equal(WebhookVerification.OutsideTimeWindow, WebhookSignature.Verify(Secret, sent.ToString(System.Globalization.CultureInfo.InvariantCulture), body, signature, Now.AddMinutes(6)));
    }
}
