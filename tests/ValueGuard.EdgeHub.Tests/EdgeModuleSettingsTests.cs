using System.Collections;
using ValueGuard.EdgeHub.Settings;

namespace ValueGuard.EdgeHub.Tests;

public sealed class EdgeModuleSettingsTests
{
    private static Hashtable EdgeAgentEnvironment() => new()
    {
        ["IOTEDGE_AUTHSCHEME"] = "SasToken",
        ["IOTEDGE_WORKLOADURI"] = "unix:///var/run/iotedge/workload.sock",
        ["IOTEDGE_DEVICEID"] = "gw-01",
        ["IOTEDGE_MODULEID"] = "valueguard",
        ["IOTEDGE_MODULEGENERATIONID"] = "637000000000000000",
        ["IOTEDGE_IOTHUBHOSTNAME"] = "myhub.azure-devices.net",
        ["IOTEDGE_GATEWAYHOSTNAME"] = "edge-gw-01",
        ["IOTEDGE_APIVERSION"] = "2022-08-03",
    };

    [Fact]
    public void EdgeAgent_variables_give_client_id_username_and_workload_socket()
    {
        var settings = EdgeModuleSettingsReader.Read(EdgeAgentEnvironment());

        Assert.Equal("gw-01/valueguard", settings.ClientId);
        Assert.Equal("myhub.azure-devices.net/gw-01/valueguard/?api-version=2021-04-12", settings.Username);
        Assert.Equal("edge-gw-01", settings.GatewayHostName);
        Assert.Equal("/var/run/iotedge/workload.sock", settings.WorkloadUri!.AbsolutePath);
        Assert.Equal("2022-08-03", settings.WorkloadApiVersion);
        Assert.True(settings.UsesWorkloadApi);
    }

    [Fact]
    public void A_missing_variable_is_named()
    {
        var environment = EdgeAgentEnvironment();
        environment.Remove("IOTEDGE_GATEWAYHOSTNAME");

        var error = Assert.Throws<EdgeModuleSettingsException>(() => EdgeModuleSettingsReader.Read(environment));

        Assert.StartsWith("IOTEDGE_GATEWAYHOSTNAME is not set", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_auth_scheme_is_refused()
    {
        var environment = EdgeAgentEnvironment();
        environment["IOTEDGE_AUTHSCHEME"] = "x509";

        Assert.Throws<EdgeModuleSettingsException>(() => EdgeModuleSettingsReader.Read(environment));
    }

    [Fact]
    public void Connection_string_of_dev_tools_is_preferred_and_keeps_the_base64_key_padding()
    {
        var environment = EdgeAgentEnvironment();
        environment["EdgeHubConnectionString"] = "HostName=myhub.azure-devices.net;GatewayHostName=devhost;DeviceId=gw-02;ModuleId=vg;SharedAccessKey=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
        environment["EdgeModuleCACertificateFile"] = "/certs/ca.pem";

        var settings = EdgeModuleSettingsReader.Read(environment);

        Assert.Equal("gw-02/vg", settings.ClientId);
        Assert.Equal("devhost", settings.GatewayHostName);
        Assert.False(settings.UsesWorkloadApi);
        Assert.Equal(32, settings.SharedAccessKey!.Length);
        Assert.Equal("/certs/ca.pem", settings.CaCertificateFile);
    }
}
