using ValueGuard.Configuration.Sites;
using ValueGuard.Testing;

namespace ValueGuard.Configuration.Tests;

public class TicketSinkConfigTests
{
    private static string Site(string sinks) => $"""
        site: s
        device_profiles: [{RepoPaths.DeviceProfiles}]
        devices: []
        tickets:
          sinks:
        {sinks}
        """;

    [Fact]
    public void Webhook_and_redmine_sinks_load_with_their_secret_files_resolved_next_to_the_site()
    {
        var result = SiteLoader.Load("/etc/valueguard/site.yaml", Site("""
                - { name: cs, kind: webhook, url: "https://hooks.example/vg", secret_file: secrets/hook }
                - { name: delivery, kind: redmine, url: "https://redmine.example", api_key_file: /run/secrets/redmine, project: acme }
            """));

        Assert.Empty(result.Errors);
        var (hook, redmine) = (result.Value!.TicketSinks[0], result.Value.TicketSinks[1]);
        Assert.Equal(("webhook", "/etc/valueguard/secrets/hook"), (hook.Kind, hook.SecretFile));
        Assert.Equal(("redmine", "/run/secrets/redmine", "acme"), (redmine.Kind, redmine.ApiKeyFile, redmine.Project));
    }

    [Theory]
    [InlineData("""    - { kind: webhook, url: "https://hooks.example/vg" }""", "'secret_file' is missing")]
    [InlineData("""    - { kind: redmine, url: "https://r.example", api_key_file: k }""", "'project' is missing")]
    [InlineData("""    - { kind: jira, url: "https://j.example" }""", "use file, webhook or redmine")]
    [InlineData("""    - { kind: webhook, url: "ftp://x", secret_file: s }""", "not an HTTP URL")]
    public void Sink_mistakes_are_located(string sink, string message)
    {
        var result = SiteLoader.Load("site.yaml", Site(sink));

        var error = Assert.Single(result.Errors);
        Assert.Contains(message, error.Message + " " + error.Hint);
        Assert.Equal(6, error.Line);
    }
}
