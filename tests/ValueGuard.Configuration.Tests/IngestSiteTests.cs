using ValueGuard.Configuration.Sites;
using ValueGuard.Testing;

namespace ValueGuard.Configuration.Tests;

public sealed class IngestSiteTests : IDisposable
{
    private readonly TempDirectory dir = new();

    private string Site(string ingest) => dir.Write("site.yaml", $"""
        site: plant
        device_profiles: [{RepoPaths.DeviceProfiles}]
        devices:
          - {"{"} id: press-07, profile: press-plc-json {"}"}
        {ingest}
        """);

    [Fact]
    public void The_ingest_section_sets_the_timestamp_limits()
    {
        var (model, errors) = SiteModelLoader.Load(Site("ingest: { max_future: 30s, max_past: 2d }"));

        Assert.Empty(errors);
        Assert.Equal(TimeSpan.FromSeconds(30), model!.Site.Ingest.MaxFuture);
        Assert.Equal(TimeSpan.FromDays(2), model.Site.Ingest.MaxPast);
    }

    [Fact]
    public void Without_the_section_the_limits_are_five_minutes_ahead_and_thirty_days_behind()
    {
        var ingest = SiteModelLoader.Load(Site(string.Empty)).Model!.Site.Ingest;

        Assert.Equal(TimeSpan.FromMinutes(5), ingest.MaxFuture);
        Assert.Equal(TimeSpan.FromDays(30), ingest.MaxPast);
    }

    [Theory]
    [InlineData("ingest: { max_future: 0s }", "'max_future' must be positive", 23)]
    [InlineData("ingest: { max_past: soon }", "max_past", 21)]
    [InlineData("ingest: { max_futur: 5m }", "unknown key 'max_futur'", 11)]
    public void Mistakes_are_named_at_their_place(string ingest, string message, int column)
    {
        var error = Assert.Single(SiteModelLoader.Load(Site(ingest)).Errors);

        Assert.Equal(5, error.Line);
        Assert.Equal(column, error.Column);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => dir.Dispose();
}
