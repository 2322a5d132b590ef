using ValueGuard.EdgeHub.Authentication;

namespace ValueGuard.EdgeHub.Tests;

public sealed class SasTokenBuilderTests
{
    private static readonly byte[] Key = Convert.FromBase64String("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");

    [Fact]
    public void String_to_sign_is_the_encoded_resource_a_line_feed_and_the_expiry_as_in_the_brief_test_vector()
    {
        var sr = SasTokenBuilder.EncodedResource("myhub.azure-devices.net", "gw-01", "valueguard");

        var data = SasTokenBuilder.StringToSign(sr, 1767225600);

        Assert.Equal("myhub.azure-devices.net%2Fdevices%2Fgw-01%2Fmodules%2Fvalueguard", sr);
        Assert.Equal("bXlodWIuYXp1cmUtZGV2aWNlcy5uZXQlMkZkZXZpY2VzJTJGZ3ctMDElMkZtb2R1bGVzJTJGdmFsdWVndWFyZAoxNzY3MjI1NjAw", Convert.ToBase64String(data));
    }

    [Fact]
    public async Task Token_matches_the_brief_test_vector()
    {
        var token = await SasTokenBuilder.BuildAsync(new SharedKeySigner(Key), "myhub.azure-devices.net", "gw-01", "valueguard",
            DateTimeOffset.FromUnixTimeSeconds(1767225600), CancellationToken.None);

        Assert.Equal("SharedAccessSignature sr=myhub.azure-devices.net%2Fdevices%2Fgw-01%2Fmodules%2Fvalueguard&sig=s7EQRi%2FZglS%2B1XY07wWpoS0N2kEbLF8GGaoVnzuKCTs%3D&se=1767225600", token.Value);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1767225600), token.ExpiresAt);
    }

    [Fact]
    public async Task Digest_matches_the_brief_test_vector()
    {
        var data = Convert.FromBase64String("bXlodWIuYXp1cmUtZGV2aWNlcy5uZXQlMkZkZXZpY2VzJTJGZ3ctMDElMkZtb2R1bGVzJTJGdmFsdWVndWFyZAoxNzY3MjI1NjAw");

        Assert.Equal("s7EQRi/ZglS+1XY07wWpoS0N2kEbLF8GGaoVnzuKCTs=", await new SharedKeySigner(Key).SignAsync(data, CancellationToken.None));
    }

    [Fact]
    public void Token_text_never_shows_in_its_string_form()
    {
        var token = new SasToken("SharedAccessSignature sr=a&sig=secret&se=1", DateTimeOffset.UnixEpoch);

        Assert.DoesNotContain("secret", token.ToString(), StringComparison.Ordinal);
    }
}
