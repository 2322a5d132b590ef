using System.CommandLine;
using ValueGuard.Cli.Probe;
using ValueGuard.Configuration.Profiles;
using ValueGuard.Core.Quantities;
using ValueGuard.Ingest.Mqtt.Client;

namespace ValueGuard.Cli.Commands;

/// <summary>
/// <c>valueguard probe mqtt --broker URL --topic FILTER [--profile NAME]</c>: shows live messages, and with a profile
/// which signals each becomes or why it is rejected.
/// </summary>
internal static class ProbeMqttCommand
{
    public static Command Create()
    {
        var broker = new Option<string>("--broker") { Description = "mqtt://host:1883 or mqtts://host:8883", Required = true };
        var topic = new Option<string>("--topic") { Description = "Topic filter, MQTT wildcards allowed (plant/+/+/telemetry, spBv1.0/#)", Required = true };
        var profile = new Option<string?>("--profile") { Description = "Decode each message with this device profile" };
        var profiles = new Option<string?>("--profiles") { Description = "Folder of device profiles (default: the shipped device-profiles)" };
        var count = new Option<int?>("--count") { Description = "Stop after this many messages" };
        var seconds = new Option<string?>("--seconds") { Description = "Stop after this long (seconds, or a duration such as 2m)" };
        var username = new Option<string?>("--username") { Description = "User name (the password comes from VALUEGUARD_MQTT_PASSWORD)" };
        var caFile = new Option<string?>("--ca-file") { Description = "mqtts: PEM CA the broker's certificate must chain to" };
        var certFile = new Option<string?>("--cert-file") { Description = "mqtts: PEM client certificate" };
        var keyFile = new Option<string?>("--key-file") { Description = "mqtts: PEM private key of --cert-file" };
        var mqtt = new Command("mqtt", "Show live MQTT messages and, with --profile, the signals each becomes or why it is rejected")
        {
            broker, topic, profile, profiles, count, seconds, username, caFile, certFile, keyFile,
        };
        mqtt.SetAction(async (parse, ct) =>
        {
            if (!Uri.TryCreate(parse.GetValue(broker), UriKind.Absolute, out var url) || url.Scheme is not ("mqtt" or "mqtts"))
                return Usage($"--broker '{parse.GetValue(broker)}' is not an MQTT URL: write mqtt://host:1883 or mqtts://host:8883");
            TimeSpan? duration = null;
            if (parse.GetValue(seconds) is { } s)
            {
                if (double.TryParse(s, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var secs) && secs > 0) duration = TimeSpan.FromSeconds(secs);
                else if (DurationSyntax.TryParse(s, out var d) && d > TimeSpan.Zero) duration = d;
                else return Usage($"--seconds '{s}': give a number of seconds or a duration such as 2m");
            }
            if (parse.GetValue(count) is < 1) return Usage("--count must be at least 1");
            DeviceProfile? chosen = null;
            if (parse.GetValue(profile) is { } name)
            {
                var folder = parse.GetValue(profiles) ?? DefaultProfiles();
                var loaded = Directory.Exists(folder)
                    ? Directory.EnumerateFiles(folder, "*.yaml").Select(DeviceProfileLoader.LoadFile).Select(r => r.Value).OfType<DeviceProfile>().Where(p => p.Mqtt is not null).ToList()
                    : [];
                chosen = loaded.FirstOrDefault(p => p.Name == name);
                if (chosen is null)
                    return Usage($"--profile: no MQTT profile '{name}' in {folder} (known: {string.Join(", ", loaded.Select(p => p.Name).Order(StringComparer.Ordinal))}); give the folder with --profiles");
            }
            MqttTlsOptions? tls = null;
            if (parse.GetValue(caFile) is not null || parse.GetValue(certFile) is not null || parse.GetValue(keyFile) is not null)
            {
                if (url.Scheme != "mqtts") return Usage("--ca-file, --cert-file and --key-file need an mqtts:// broker");
                tls = new MqttTlsOptions { CaFile = parse.GetValue(caFile), ClientCertificateFile = parse.GetValue(certFile), ClientKeyFile = parse.GetValue(keyFile) };
                try { tls.Validate(); }
                catch (ArgumentException e) { return Usage(e.Message); }
            }
            var probe = new MqttProbe(url, parse.GetValue(topic)!, chosen, tls, parse.GetValue(username),
                Environment.GetEnvironmentVariable(RunCommand.PasswordVariable), Console.Out);
            return await probe.RunAsync(parse.GetValue(count), duration, ct).ConfigureAwait(false);
        });
        return mqtt;
    }

    private static string DefaultProfiles()
    {
        var shipped = Path.Combine(AppContext.BaseDirectory, "device-profiles");
        return Directory.Exists(shipped) ? shipped : "device-profiles";
    }

    private static int Usage(string message)
    {
        Console.Error.WriteLine(message);
        return 2;
    }
}
