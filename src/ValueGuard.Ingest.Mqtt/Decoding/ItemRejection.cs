namespace ValueGuard.Ingest.Mqtt.Decoding;

/// <summary>One item of a batch payload that could not be stored, while the rest of the batch was.</summary>
/// <param name="Index">The item's zero-based position in the array.</param>
/// <param name="Reason">A stable reason, as for whole messages (wrong-type, not-finite, bad-timestamp, missing-field, bad-quality, …).</param>
/// <param name="Detail">What exactly was wrong.</param>
/// <param name="Raw">The item's own JSON text (UTF-8), for the dead-letter file.</param>
public sealed record ItemRejection(int Index, string Reason, string Detail, ReadOnlyMemory<byte> Raw);
