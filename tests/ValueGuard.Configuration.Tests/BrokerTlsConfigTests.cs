using ValueGuard.Configuration.Errors;
using ValueGuard.Configuration.Sites;

namespace ValueGuard.Configuration.Tests;

public class BrokerTlsConfigTests
{
    private static ConfigResult<SiteConfig> Load(string broker) => SiteLoader.Load("/plant/site.yaml", $"""
        site: plant
        broker: {broker}
        device_profiles: [profiles]
        devices: []
        """);

    [Fact]
    public void Tls_files_are_read_relative_to_the_site_file()
    {
        var result = Load("{ url: mqtts://broker.plant:8883, ca_file: pki/ca.pem, client_cert_file: pki/gw.pem, client_key_file: pki/gw.key, password_file: mqtt.pass }");

        Assert.Empty(result.Errors);
        var b = result.Value!.Broker!;
        Assert.Equal(("/plant/pki/ca.pem", "/plant/pki/gw.pem", "/plant/pki/gw.key", "/plant/mqtt.pass"), (b.CaFile, b.ClientCertificateFile, b.ClientKeyFile, b.PasswordFile));
    }

    [Fact]
    public void Tls_settings_on_a_plain_mqtt_url_are_an_error_that_says_to_use_mqtts()
    {
        var error = Assert.Single(Load("{ url: mqtt://broker.plant:1883, ca_file: ca.pem }").Errors);

        Assert.Contains("ca_file", error.Message);
        Assert.Contains("mqtts://", error.Hint);
    }

    [Fact]
    public void A_client_certificate_without_its_key_is_an_error()
    {
        var error = Assert.Single(Load("{ url: mqtts://broker.plant:8883, client_cert_file: gw.pem }").Errors);

        Assert.Contains("client_key_file", error.Message);
    }
}
