namespace ValueGuard.EdgeHub.Client;

/// <summary>
/// A message for one of this module's outputs. <see cref="MessageId"/> stays the same when the message is
/// sent again, so consumers can drop duplicates; JSON with UTF-8 is what <c>$body</c> route queries need.
/// </summary>
public sealed record OutputMessage(ReadOnlyMemory<byte> Body)
{
    public string MessageId { get; init; } = Guid.NewGuid().ToString("N");

    public string ContentType { get; init; } = "application/json";

    public string ContentEncoding { get; init; } = "utf-8";

    /// <summary>Application properties; route conditions can test them by name.</summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>();
}
