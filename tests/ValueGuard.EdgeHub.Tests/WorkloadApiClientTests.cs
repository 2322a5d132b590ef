using System.Net;
using System.Security.Cryptography;
using ValueGuard.EdgeHub.Tests.StandIns;
using ValueGuard.EdgeHub.Workload;
using ValueGuard.Testing;

namespace ValueGuard.EdgeHub.Tests;

public sealed class WorkloadApiClientTests : IAsyncLifetime
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);
    private readonly TempDirectory folder = new();
    private readonly TestCertificates certificates = new("localhost");
    private WorkloadApiStandIn workload = null!;

    public Task InitializeAsync()
    {
        workload = new WorkloadApiStandIn(folder.File("workload.sock"), "valueguard", Key, certificates.CaPem);
        return Task.CompletedTask;
    }

    private WorkloadApiClient Client(IReadOnlyList<TimeSpan>? retries = null) =>
        new(new Uri($"unix://{workload.SocketPath}"), "2022-08-03", retries ?? []);

    [Fact]
    public async Task Sign_over_the_unix_socket_returns_the_module_key_hmac()
    {
        using var client = Client();
        var data = "myhub.azure-devices.net%2Fdevices%2Fgw-01%2Fmodules%2Fvalueguard\n1767225600"u8.ToArray();

        var digest = await client.SignAsync("valueguard", "G1", data, CancellationToken.None);

        Assert.Equal(Convert.ToBase64String(HMACSHA256.HashData(Key, data)), digest);
        Assert.Equal("POST /modules/valueguard/genid/G1/sign?api-version=2022-08-03", Assert.Single(workload.Requests));
    }

    [Fact]
    public async Task Trust_bundle_is_read_as_pem()
    {
        using var client = Client();

        var bundle = await client.GetTrustBundleAsync(CancellationToken.None);

        Assert.Equal(certificates.Ca.Thumbprint, Assert.Single(bundle).Thumbprint);
    }

    [Fact]
    public async Task Signing_for_another_module_is_forbidden()
    {
        using var client = Client();

        var error = await Assert.ThrowsAsync<WorkloadApiException>(() => client.SignAsync("other", "G1", [1], CancellationToken.None));

        Assert.Equal(HttpStatusCode.Forbidden, error.Status);
        Assert.Contains("signs only for itself", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_errors_are_retried()
    {
        using var client = Client([TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(10)]);
        workload.FailNext(2);

        var bundle = await client.GetTrustBundleAsync(CancellationToken.None);

        Assert.Single(bundle);
        Assert.Equal(3, workload.Requests.Count);
    }

    public async Task DisposeAsync()
    {
        await workload.DisposeAsync();
        certificates.Dispose();
        folder.Dispose();
    }
}
