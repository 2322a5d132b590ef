namespace ValueGuard.Gateway.Web;

/// <summary>The newest sample of a signal since the gateway started.</summary>
public sealed record SignalValue(string Signal, double? Value, DateTimeOffset? At);
