namespace ValueGuard.Gateway.Web;

/// <summary>A device, its last contact and the latest value of each of its signals.</summary>
public sealed record DeviceStatus(string Device, string Profile, DateTimeOffset? LastContact, IReadOnlyList<SignalValue> Signals);
