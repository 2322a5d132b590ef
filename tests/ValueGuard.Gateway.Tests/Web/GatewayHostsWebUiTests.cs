using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using ValueGuard.Configuration.Sites;
using ValueGuard.Gateway.Broker;
using ValueGuard.Gateway.Hosting;
using ValueGuard.Testing;

namespace ValueGuard.Gateway.Tests.Web;

public class GatewayHostsWebUiTests
{
    [Fact]
    public async Task A_site_with_a_web_section_serves_the_api_on_loopback_behind_its_token()
    {
        using var dir = new TempDirectory();
        var token = dir.Write("web.token", "0123456789abcdef0123456789abcdef\n");
        var port = FreePort();
        var site = ExampleSite.In(dir);
        site = site with { Site = site.Site with { Web = new WebConfig("127.0.0.1", port, token) } };
        await using var broker = await EmbeddedBroker.StartAsync();
        await using var runtime = await GatewayRuntime.OpenAsync(site, TimeProvider.System, NullLoggerFactory.Instance, default);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddValueGuardGateway(runtime, broker.Url, null);
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("api/status")).StatusCode);
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "0123456789abcdef0123456789abcdef");
            Assert.Contains("\"site\":\"acme-plant-1\"", await http.GetStringAsync("api/status"));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
