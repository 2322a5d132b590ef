using ValueGuard.EdgeHub.Client;
using ValueGuard.EdgeHub.Tests.StandIns;
using ValueGuard.Testing;

namespace ValueGuard.EdgeHub.Tests;

/// <summary>Connecting, renewing and reconnecting against the stand-in edgeHub and workload API.</summary>
public sealed class ModuleConnectionTests
{
    [Fact]
    public async Task Module_connects_with_the_client_id_username_and_signed_token_the_brief_specifies()
    {
        await using var rig = await ModuleRig.StartAsync();
        var client = await rig.CreateClientAsync();

        await client.StartAsync(CancellationToken.None);

        Assert.Empty(rig.EdgeHub.Refused);
        var (clientId, username, se) = Assert.Single(rig.EdgeHub.Accepted);
        Assert.Equal("gw-01/valueguard", clientId);
        Assert.Equal("myhub.azure-devices.net/gw-01/valueguard/?api-version=2021-04-12", username);
        Assert.Equal($"myhub.azure-devices.net%2Fdevices%2Fgw-01%2Fmodules%2Fvalueguard\n{se}", Assert.Single(rig.Workload.SignedData));
        Assert.Contains(rig.Workload.Requests, r => r.StartsWith("GET /trust-bundle?api-version=2022-08-03", StringComparison.Ordinal));
        await Eventually.WaitFor(() => rig.EdgeHub.Subscriptions.Count >= 4, "the four subscriptions");
        Assert.Equal(["$iothub/twin/res/#", "$iothub/twin/PATCH/properties/desired/#", "$iothub/methods/POST/#", "devices/gw-01/modules/valueguard/#"],
            rig.EdgeHub.Subscriptions.Take(4));
    }

    [Fact]
    public async Task A_token_signed_with_the_wrong_key_is_refused_and_the_module_keeps_trying()
    {
        await using var rig = await ModuleRig.StartAsync(workloadKey: new byte[32]);
        var client = await rig.CreateClientAsync();
        using var giveUp = new CancellationTokenSource(TimeSpan.FromSeconds(2));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.StartAsync(giveUp.Token));

        Assert.Empty(rig.EdgeHub.Accepted);
        Assert.Contains("signature does not match", rig.EdgeHub.Refused);
        Assert.True(rig.EdgeHub.Refused.Count >= 2, "the module retries");
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task Token_is_renewed_with_a_reconnect_when_15_percent_of_its_lifetime_is_left()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var rig = await ModuleRig.StartAsync(clock);
        var client = await rig.CreateClientAsync(rig.Options() with { TokenLifetime = TimeSpan.FromHours(1) });
        await client.StartAsync(CancellationToken.None);
        var first = Assert.Single(rig.EdgeHub.Accepted).ExpiresUnixSeconds;

        clock.Advance(TimeSpan.FromMinutes(50));
        await Task.Delay(500);
        Assert.Single(rig.EdgeHub.Accepted);
        clock.Advance(TimeSpan.FromMinutes(2));
        await Eventually.WaitFor(() => rig.EdgeHub.Accepted.Count == 2 && client.IsConnected, "a reconnect with a new token");

        var second = rig.EdgeHub.Accepted.Last().ExpiresUnixSeconds;
        Assert.Equal(first + 52 * 60, second);
        Assert.Equal(2, rig.Workload.SignedData.Count);
        Assert.Empty(rig.EdgeHub.Refused);
    }

    [Fact]
    public async Task After_edgeHub_drops_the_connection_the_module_reconnects_and_reads_the_twin_again()
    {
        await using var rig = await ModuleRig.StartAsync();
        var client = await rig.CreateClientAsync();
        var complete = 0;
        client.DesiredPropertiesChanged = (update, _) =>
        {
            if (update.IsComplete) Interlocked.Increment(ref complete);
            return Task.CompletedTask;
        };
        await client.StartAsync(CancellationToken.None);
        await Eventually.WaitFor(() => complete == 1, "the twin read at connect");

        await rig.EdgeHub.DisconnectModuleAsync();

        await Eventually.WaitFor(() => client.Connections == 2 && client.IsConnected, "a reconnect");
        await Eventually.WaitFor(() => complete == 2, "the twin read again after the reconnect");
        Assert.Equal(2, rig.EdgeHub.Accepted.Count);
    }

    [Fact]
    public async Task Connection_string_form_signs_locally_and_trusts_the_ca_file()
    {
        await using var rig = await ModuleRig.StartAsync();
        var caFile = Path.Combine(rig.Folder, "ca.pem");
        await File.WriteAllTextAsync(caFile, rig.Certificates.CaPem);
        var environment = new System.Collections.Hashtable
        {
            ["EdgeHubConnectionString"] = $"HostName={ModuleRig.Hub};GatewayHostName=localhost;DeviceId={ModuleRig.Device};ModuleId={ModuleRig.Module};SharedAccessKey={Convert.ToBase64String(ModuleRig.ModuleKey)}",
            ["EdgeModuleCACertificateFile"] = caFile,
        };
        var client = await rig.CreateClientAsync(environment: environment);

        await client.StartAsync(CancellationToken.None);

        Assert.Single(rig.EdgeHub.Accepted);
        Assert.Empty(rig.Workload.Requests);
    }
}
