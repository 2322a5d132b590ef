using ValueGuard.Core.Signals;

namespace ValueGuard.Ingest.Mqtt.Decoding;

/// <summary>What one MQTT message became: samples, or the reason it was rejected.</summary>
public sealed record DecodeResult(IReadOnlyList<Sample> Samples, string? RejectReason, string? RejectDetail = null)
{
    public static DecodeResult Rejected(string reason, string detail) => new([], reason, detail);

    public bool IsRejected => RejectReason is not null;
}
