using System.Buffers;
using System.Globalization;
using System.Text;
using MQTTnet;
using ValueGuard.Configuration.Profiles;
using ValueGuard.Ingest.Mqtt.Client;
using ValueGuard.Ingest.Mqtt.Decoding;
using ValueGuard.Ingest.Mqtt.Sparkplug;
using ValueGuard.Ingest.Mqtt.Topics;

namespace ValueGuard.Cli.Probe;

/// <summary>
/// <c>valueguard probe mqtt</c>: subscribes to a filter on a clean session (the gateway's persistent session is not
/// touched) and prints every message; with a profile, the signals it becomes (value, unit, timestamp) or the exact
/// reason it would be rejected — the same decoders the gateway runs.
/// </summary>
internal sealed class MqttProbe(Uri broker, string filter, DeviceProfile? profile, MqttTlsOptions? tls, string? username, string? password, TextWriter output, TimeProvider? clock = null)
{
    private const int PreviewCharacters = 160;
    private readonly Lock gate = new();
    private readonly TopicTemplate? template = profile?.Mqtt is { } m ? new TopicTemplate(m.Topic) : null;
    private readonly SparkplugDecoder? sparkplug = profile?.Mqtt?.Payload == PayloadFormat.SparkplugB ? SparkplugDecoder.ForAnyDevice(profile) : null;
    private readonly IPayloadDecoder? decoder = profile?.Mqtt?.Payload is PayloadFormat.Json or PayloadFormat.Plain ? IPayloadDecoder.For(profile) : null;
    private int received;

    /// <summary>Runs until <paramref name="count"/> messages were shown or <paramref name="duration"/> passed; 0 when any message came.</summary>
    public async Task<int> RunAsync(int? count, TimeSpan? duration, CancellationToken ct)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.ApplicationMessageReceivedAsync += e =>
        {
            var shown = Show(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload, (clock ?? TimeProvider.System).GetUtcNow());
            if (count is { } n && shown >= n) done.TrySetResult();
            return Task.CompletedTask;
        };
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(broker.Host, broker.IsDefaultPort || broker.Port < 0 ? (broker.Scheme == "mqtts" ? 8883 : 1883) : broker.Port)
            .WithClientId($"valueguard-probe-{Guid.NewGuid():N}"[..32])
            .WithCleanSession(true);
        if (username is not null) options.WithCredentials(username, password);
        if (broker.Scheme == "mqtts")
        {
            var tlsBuilder = new MqttClientTlsOptionsBuilder().UseTls().WithTargetHost(broker.Host);
            tls?.Apply(tlsBuilder);
            options.WithTlsOptions(tlsBuilder.Build());
        }
        try
        {
            await client.ConnectAsync(options.Build(), ct).ConfigureAwait(false);
            var granted = await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(f => f.WithTopic(filter).WithAtLeastOnceQoS()).Build(), ct).ConfigureAwait(false);
            if (granted.Items.Any(i => (int)i.ResultCode > 2))
            {
                await Console.Error.WriteLineAsync($"the broker refused the subscription to '{filter}': {granted.Items.First().ResultCode}").ConfigureAwait(false);
                return 1;
            }
        }
        catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or MQTTnet.Adapter.MqttConnectingFailedException or OperationCanceledException or System.Security.Authentication.AuthenticationException or IOException)
        {
            await Console.Error.WriteLineAsync($"cannot connect to {broker}: {e.Message} (check the URL, credentials, CA and client certificate)").ConfigureAwait(false);
            return 1;
        }
        await output.WriteLineAsync($"listening on {filter} at {broker.Scheme}://{broker.Authority}{(profile is null ? string.Empty : $" with profile {profile.Name}")}").ConfigureAwait(false);
        await output.FlushAsync(ct).ConfigureAwait(false);
        try
        {
            await done.Task.WaitAsync(duration ?? Timeout.InfiniteTimeSpan, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            // The time is up or Ctrl+C: what arrived is shown.
        }
        try { await client.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None).ConfigureAwait(false); }
        catch (Exception e) when (e is not OutOfMemoryException) { /* leaving anyway */ }
        var total = Volatile.Read(ref received);
        await output.WriteLineAsync($"{total} message(s) on {filter}").ConfigureAwait(false);
        return total > 0 ? 0 : 1;
    }

    private int Show(string topic, ReadOnlySequence<byte> payload, DateTimeOffset arrival)
    {
        lock (gate)
        {
            var n = ++received;
            var stamp = arrival.UtcDateTime.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);
            output.WriteLine($"[{n}] {stamp} {topic} ({payload.Length} bytes) {Preview(payload)}");
            if (profile is not null) ShowDecoded(topic, payload, arrival);
            output.Flush();
            return n;
        }
    }

    private void ShowDecoded(string topic, ReadOnlySequence<byte> payload, DateTimeOffset arrival)
    {
        var captures = template!.Match(topic);
        var device = captures?.GetValueOrDefault("device");
        DecodeResult result;
        if (device is null) result = DecodeResult.Rejected("unknown-topic", $"the topic does not match {profile!.Name}'s template {profile.Mqtt!.Topic}");
        else if (payload.Length > SiteMessageRouter.DefaultMaxPayloadBytes) result = DecodeResult.Rejected("oversize", $"payload over {SiteMessageRouter.DefaultMaxPayloadBytes} bytes");
        else if (sparkplug is not null) result = sparkplug.Decode(topic, payload, arrival);
        else result = decoder!.Decode(device, payload, arrival, new DecodeContext(captures!.GetValueOrDefault("signal")));
        if (result.IsRejected)
        {
            output.WriteLine($"    rejected: {result.RejectReason}: {result.RejectDetail}");
            return;
        }
        if (result.Samples.Count == 0 && result.ItemRejections.Count == 0) output.WriteLine("    no signal of the profile in this message (passed over)");
        foreach (var sample in result.Samples)
        {
            var unit = profile!.Signals.TryGetValue(sample.Signal.Signal, out var mapping) ? mapping.Unit : null;
            var value = sample.Value.ToString("G10", CultureInfo.InvariantCulture) + (unit is null ? string.Empty : " " + unit);
            output.WriteLine($"    {sample.Signal} = {value} at {sample.Timestamp.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)}");
        }
        foreach (var item in result.ItemRejections) output.WriteLine($"    rejected {item.Reason}: {item.Detail}");
    }

    private static string Preview(ReadOnlySequence<byte> payload)
    {
        var head = payload.Length > 512 ? payload.Slice(0, 512).ToArray() : payload.ToArray();
        var text = Encoding.UTF8.GetString(head);
        if (text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t') || c == '\uFFFD'))
            return "hex " + Convert.ToHexString(head.AsSpan(0, Math.Min(head.Length, 32))) + (payload.Length > 32 ? "…" : string.Empty);
        text = text.ReplaceLineEndings(" ");
        return text.Length > PreviewCharacters || payload.Length > head.Length ? text[..Math.Min(text.Length, PreviewCharacters)] + "…" : text;
    }
}
