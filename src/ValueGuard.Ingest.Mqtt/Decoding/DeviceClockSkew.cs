namespace ValueGuard.Ingest.Mqtt.Decoding;

/// <summary>
/// How a device's clock compares with the gateway's: device timestamp minus gateway receive time, positive
/// when the device is ahead. <see cref="Last"/> is of the latest sample, <see cref="Min"/> and <see cref="Max"/> since start.
/// </summary>
public sealed record DeviceClockSkew(TimeSpan Last, TimeSpan Min, TimeSpan Max, long Samples, DateTimeOffset LastReceivedAt);
