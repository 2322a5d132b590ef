using ValueGuard.Configuration.Sites;
using ValueGuard.Testing;

namespace ValueGuard.Gateway.Tests;

/// <summary>The shipped example site with its data and tickets in a test folder.</summary>
internal static class ExampleSite
{
    public static SiteModel In(TempDirectory dir)
    {
        var (model, errors) = SiteModelLoader.Load(Path.Combine(RepoPaths.Examples, "site.yaml"));
        Assert.Empty(errors);
        return model! with
        {
            Site = model.Site with
            {
                DataDirectory = dir.File("data"),
                TicketSinks = [.. model.Site.TicketSinks.Select(s => s with { Path = dir.File("tickets") })],
            },
        };
    }
}
