using System.Collections;
using Microsoft.Extensions.Logging.Abstractions;
using ValueGuard.EdgeHub.Client;
using ValueGuard.EdgeHub.Settings;
using ValueGuard.Testing;

namespace ValueGuard.EdgeHub.Tests.StandIns;

/// <summary>
/// One module on a stand-in device: a test CA, the workload API on a Unix socket, edgeHub on TLS, and the
/// environment edgeAgent would give the module (gateway host "localhost", the name on edgeHub's certificate).
/// </summary>
internal sealed class ModuleRig : IAsyncDisposable
{
    public const string Hub = "myhub.azure-devices.net";
    public const string Device = "gw-01";
    public const string Module = "valueguard";
    public static readonly byte[] ModuleKey = Convert.FromBase64String("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");

    private readonly TempDirectory folder = new();
    private readonly List<EdgeModuleClient> clients = [];

    private ModuleRig(TimeProvider clock, byte[] workloadKey)
    {
        Clock = clock;
        Certificates = new TestCertificates("localhost");
        Workload = new WorkloadApiStandIn(folder.File("workload.sock"), Module, workloadKey, Certificates.CaPem);
    }

    public TimeProvider Clock { get; }

    public TestCertificates Certificates { get; }

    public WorkloadApiStandIn Workload { get; }

    public EdgeHubStandIn EdgeHub { get; private set; } = null!;

    public string Folder => folder.Path;

    /// <summary>A rig; <paramref name="workloadKey"/> other than the module key makes the daemon sign with the wrong key.</summary>
    public static async Task<ModuleRig> StartAsync(TimeProvider? clock = null, byte[]? workloadKey = null)
    {
        var rig = new ModuleRig(clock ?? TimeProvider.System, workloadKey ?? ModuleKey);
        rig.EdgeHub = await EdgeHubStandIn.StartAsync(rig.Certificates, Hub, Device, Module, ModuleKey, rig.Clock);
        return rig;
    }

    public Hashtable Environment() => new()
    {
        ["IOTEDGE_AUTHSCHEME"] = "sasToken",
        ["IOTEDGE_WORKLOADURI"] = $"unix://{Workload.SocketPath}",
        ["IOTEDGE_DEVICEID"] = Device,
        ["IOTEDGE_MODULEID"] = Module,
        ["IOTEDGE_MODULEGENERATIONID"] = "637000000000000000",
        ["IOTEDGE_IOTHUBHOSTNAME"] = Hub,
        ["IOTEDGE_GATEWAYHOSTNAME"] = "localhost",
        ["IOTEDGE_APIVERSION"] = "2022-08-03",
    };

    public EdgeModuleClientOptions Options(TimeSpan? renewalCheck = null) => new()
    {
        GatewayPort = EdgeHub.Port,
        RenewalCheckInterval = renewalCheck ?? TimeSpan.FromMilliseconds(100),
        ReconnectDelays = [TimeSpan.FromMilliseconds(100)],
        RequestTimeout = TimeSpan.FromSeconds(10),
    };

    /// <summary>A client made the way a module starts: settings from the environment, trust bundle and signing from the workload API.</summary>
    public async Task<EdgeModuleClient> CreateClientAsync(EdgeModuleClientOptions? options = null, IDictionary? environment = null)
    {
        var settings = EdgeModuleSettingsReader.Read(environment ?? Environment());
        var client = await EdgeModuleClientFactory.CreateAsync(settings, options ?? Options(), Clock, NullLoggerFactory.Instance, CancellationToken.None);
        clients.Add(client);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in clients) await client.DisposeAsync();
        await EdgeHub.DisposeAsync();
        await Workload.DisposeAsync();
        Certificates.Dispose();
        folder.Dispose();
    }
}
