using System.Collections.Concurrent;
using MQTTnet;
using MQTTnet.Protocol;

namespace ValueGuard.EdgeHub.Twin;

/// <summary>
/// Twin requests in flight: each is published with its own <c>$rid</c> and completed by the
/// <c>$iothub/twin/res/{status}/?$rid=…</c> answer carrying the same id.
/// </summary>
internal sealed class TwinRequests(IMqttClient mqtt, TimeSpan timeout)
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<(int Status, byte[] Body)>> pending = new(StringComparer.Ordinal);

    public async Task<(int Status, byte[] Body)> SendAsync(Func<string, string> topicFor, byte[]? body, CancellationToken ct)
    {
        var rid = Guid.NewGuid().ToString("N");
        var answer = new TaskCompletionSource<(int, byte[])>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending[rid] = answer;
        try
        {
            var message = new MqttApplicationMessageBuilder()
                .WithTopic(topicFor(rid))
                .WithPayload(body ?? [])
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build();
            await mqtt.PublishAsync(message, ct).ConfigureAwait(false);
            try
            {
                return await answer.Task.WaitAsync(timeout, ct).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw new TwinRequestException($"edgeHub did not answer the twin request within {timeout}", 0);
            }
        }
        finally
        {
            pending.TryRemove(rid, out _);
        }
    }

    public void Complete(string rid, int status, byte[] body)
    {
        if (pending.TryGetValue(rid, out var answer)) answer.TrySetResult((status, body));
    }
}
