using ValueGuard.Configuration.Sites;
using ValueGuard.Testing;

namespace ValueGuard.Configuration.Tests;

public sealed class WebSiteTests : IDisposable
{
    private readonly TempDirectory dir = new();

    private string Site(string web) => dir.Write("site.yaml", $"""
        site: plant
        device_profiles: [{RepoPaths.DeviceProfiles}]
        devices:
          - {"{"} id: press-07, profile: press-plc-json {"}"}
        {web}
        """);

    [Fact]
    public void The_web_section_names_address_port_and_a_token_file_next_to_the_site()
    {
        var (model, errors) = SiteModelLoader.Load(Site("web: { listen: 0.0.0.0:8443, token_file: secrets/web.token }"));

        Assert.Empty(errors);
        Assert.Equal(new WebConfig("0.0.0.0", 8443, dir.File("secrets/web.token")), model!.Site.Web);
    }

    [Fact]
    public void A_port_alone_listens_on_loopback_and_no_section_means_no_web_ui()
    {
        Assert.Equal("127.0.0.1", SiteModelLoader.Load(Site("web: { listen: 8080, token_file: web.token }")).Model!.Site.Web!.Host);
        Assert.Null(SiteModelLoader.Load(Site(string.Empty)).Model!.Site.Web);
    }

    [Theory]
    [InlineData("web: { listen: 127.0.0.1:99999, token_file: t }", "has no port 1..65535")]
    [InlineData("web: { listen: plant-gw:8080, token_file: t }", "does not name an IP address")]
    [InlineData("web: { listen: 127.0.0.1:8080 }", "token_file")]
    [InlineData("web: { listen: 127.0.0.1:8080, token_file: t, token: abc }", "unknown key 'token'")]
    public void Mistakes_are_named_at_their_place(string web, string message)
    {
        var error = Assert.Single(SiteModelLoader.Load(Site(web)).Errors);

        Assert.Equal(5, error.Line);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => dir.Dispose();
}
