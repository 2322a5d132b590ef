using ValueGuard.Core.Signals;

namespace ValueGuard.Ingest.Mqtt.Decoding;

/// <summary>What one MQTT message became: samples, or the reason it was rejected.</summary>
/// <param name="Samples">The samples to store; empty for a rejection or a message passed over.</param>
/// <param name="RejectReason">A stable reason (invalid-json, wrong-type, not-finite, oversize, unknown-topic, …); null when accepted.</param>
/// <param name="RejectDetail">What exactly was wrong, for the log and the dead-letter file.</param>
/// <param name="Device">The device the topic names, when it names one (also for rejections, to count them per device).</param>
public sealed record DecodeResult(IReadOnlyList<Sample> Samples, string? RejectReason, string? RejectDetail = null, string? Device = null)
{
    public static DecodeResult Rejected(string reason, string detail) => new([], reason, detail);

    public bool IsRejected => RejectReason is not null;

    /// <summary>
    /// Items of an accepted batch that were rejected on their own (the other items' samples are in <see cref="Samples"/>);
    /// empty for every other payload.
    /// </summary>
    public IReadOnlyList<ItemRejection> ItemRejections { get; init; } = [];
}
