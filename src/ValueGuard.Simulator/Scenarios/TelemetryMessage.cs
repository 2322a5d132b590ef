namespace ValueGuard.Simulator.Scenarios;

/// <summary>One MQTT message a simulated device sends.</summary>
public sealed record TelemetryMessage(string Topic, byte[] Payload, DateTimeOffset Timestamp);
