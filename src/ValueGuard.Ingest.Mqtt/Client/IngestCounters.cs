using System.Collections.Concurrent;

namespace ValueGuard.Ingest.Mqtt.Client;

/// <summary>What ingest has done since start: for status, metrics and tests.</summary>
public sealed class IngestCounters
{
    private long received;
    private long stored;
    private long samples;
    private long rejected;
    private long rejectedItems;
    private long connectFailures;

    public long Received => Interlocked.Read(ref received);

    /// <summary>Messages whose samples are durable and which were acknowledged to the broker.</summary>
    public long Stored => Interlocked.Read(ref stored);

    public long SamplesStored => Interlocked.Read(ref samples);

    public long Rejected => Interlocked.Read(ref rejected);

    /// <summary>Items of batch payloads rejected on their own while the rest of their message was stored (not in <see cref="Rejected"/>).</summary>
    public long RejectedItems => Interlocked.Read(ref rejectedItems);

    /// <summary>Connection attempts the broker refused or that failed (TLS, credentials, network).</summary>
    public long ConnectFailures => Interlocked.Read(ref connectFailures);

    /// <summary>Messages finished either way (stored or rejected).</summary>
    public long Done => Stored + Rejected;

    /// <summary>Rejected messages and rejected batch items, per reason.</summary>
    public ConcurrentDictionary<string, long> RejectedByReason { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Rejections (messages and batch items) per reason and device (the device the topic names; "(none)" when it names none). At most
    /// <see cref="MaxDeviceKeys"/> pairs; further pairs are counted under "(other devices)".
    /// </summary>
    public ConcurrentDictionary<(string Reason, string Device), long> RejectedByReasonAndDevice { get; } = new();

    public const int MaxDeviceKeys = 10_000;

    internal void OnConnectFailed() => Interlocked.Increment(ref connectFailures);

    internal void OnReceived() => Interlocked.Increment(ref received);

    internal void OnStored(int messages, int sampleCount)
    {
        Interlocked.Add(ref samples, sampleCount);
        Interlocked.Add(ref stored, messages);
    }

    internal long OnRejected(string reason, string? device)
    {
        Interlocked.Increment(ref rejected);
        return CountReason(reason, device);
    }

    internal long OnItemRejected(string reason, string? device)
    {
        Interlocked.Increment(ref rejectedItems);
        return CountReason(reason, device);
    }

    private long CountReason(string reason, string? device)
    {
        var key = (reason, device ?? "(none)");
        if (!RejectedByReasonAndDevice.ContainsKey(key) && RejectedByReasonAndDevice.Count >= MaxDeviceKeys) key = (reason, "(other devices)");
        RejectedByReasonAndDevice.AddOrUpdate(key, 1, (_, n) => n + 1);
        return RejectedByReason.AddOrUpdate(reason, 1, (_, n) => n + 1);
    }
}
