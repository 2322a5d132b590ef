using System.Diagnostics;
using System.Text;
using Google.Protobuf;
using MQTTnet;
using MQTTnet.Protocol;
using ValueGuard.Ingest.Mqtt.Sparkplug.Protobuf;
using ValueGuard.IntegrationTests.Servers;
using Metric = ValueGuard.Ingest.Mqtt.Sparkplug.Protobuf.Payload.Types.Metric;

namespace ValueGuard.IntegrationTests;

/// <summary>Needs: mosquitto. <c>valueguard probe mqtt</c> as a child process.</summary>
[Collection(MosquittoCollection.Name)]
public sealed class ProbeMqttCommandTests(MosquittoBroker mosquitto)
{
    private async Task<string> ProbeWhilePublishingAsync(string[] args, Func<IMqttClient, Task> publish)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(mosquitto.Url.Host, mosquitto.Url.Port).WithClientId("sim-probe-" + Guid.NewGuid().ToString("N")[..8]).Build());
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in (string[])[Path.Combine(AppContext.BaseDirectory, "valueguard.dll"), "probe", "mqtt", "--broker", mosquitto.Url.ToString(), "--seconds", "30", .. args])
            start.ArgumentList.Add(a);
        using var process = new Process { StartInfo = start };
        var output = new StringBuilder();
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            lock (output) output.AppendLine(e.Data);
            if (e.Data?.StartsWith("listening on ", StringComparison.Ordinal) == true) listening.TrySetResult();
        };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await listening.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await publish(client);
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(40));
        lock (output)
        {
            Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {output}");
            return output.ToString();
        }
    }

    private static Task Publish(IMqttClient client, string topic, byte[] payload) =>
        client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

    [Fact]
    public async Task With_a_json_profile_each_message_shows_its_signals_or_why_it_is_rejected()
    {
        var output = await ProbeWhilePublishingAsync(["--topic", "plant/probe-it/+/telemetry", "--profile", "press-plc-json", "--count", "2"], async c =>
        {
            await Publish(c, "plant/probe-it/press-07/telemetry", """{"ts":1772323200000,"state":{"running":true},"temp_c":61.5}"""u8.ToArray());
            await Publish(c, "plant/probe-it/press-07/telemetry", """{"ts":1772323200000,"temp_c":"hot"}"""u8.ToArray());
        });

        Assert.Contains("    press-07/temperature = 61.5 degC at 2026-03-01T00:00:00.000Z", output, StringComparison.Ordinal);
        Assert.Contains("    press-07/running = 1 at 2026-03-01T00:00:00.000Z", output, StringComparison.Ordinal);
        Assert.Contains("    rejected: wrong-type: field 'temp_c' holds String, expected Float", output, StringComparison.Ordinal);
        Assert.Contains("2 message(s) on plant/probe-it/+/telemetry", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_sparkplug_profile_aliases_resolve_after_the_birth()
    {
        static byte[] Payload(ulong seq, params Metric[] metrics) { var p = new Payload { Timestamp = 1772323200000, Seq = seq }; p.Metrics.AddRange(metrics); return p.ToByteArray(); }
        var output = await ProbeWhilePublishingAsync(["--topic", "spBv1.0/probe-it/+/edge-9/#", "--profile", "sparkplug-b-device", "--count", "2"], async c =>
        {
            await Publish(c, "spBv1.0/probe-it/DBIRTH/edge-9/pibrella-9", Payload(1, new Metric { Name = "Inputs/A", Alias = 7, Datatype = 11, BooleanValue = false }));
            await Publish(c, "spBv1.0/probe-it/DDATA/edge-9/pibrella-9", Payload(2, new Metric { Alias = 7, Datatype = 11, BooleanValue = true }));
        });

        Assert.Contains("    pibrella-9/online = 1", output, StringComparison.Ordinal);
        Assert.Contains("    pibrella-9/input_a = 0", output, StringComparison.Ordinal);
        Assert.Contains("    pibrella-9/input_a = 1", output, StringComparison.Ordinal);
    }
}
