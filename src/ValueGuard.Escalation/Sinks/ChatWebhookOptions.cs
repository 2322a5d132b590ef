namespace ValueGuard.Escalation.Sinks;

/// <summary>
/// Options of a chat incoming webhook (Slack, Teams): the webhook URL is itself the credential, so it is read
/// from <see cref="UrlFile"/> and never written in the site file or a log.
/// </summary>
public sealed record ChatWebhookOptions
{
    /// <summary>The sink's name in the outbox (unique per site).</summary>
    public required string Name { get; init; }

    /// <summary>The vendor, for messages: <c>slack</c>, <c>teams</c>, <c>dingtalk</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>A file holding the incoming webhook's URL (one line).</summary>
    public required string UrlFile { get; init; }

    /// <summary>How long one POST may take before it counts as failed and is retried.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Every problem with these options, each naming the setting and the fix; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Name)) errors.Add($"{Kind} name: is empty; give the sink a name, for example 'delivery-chat'.");
        if (string.IsNullOrWhiteSpace(UrlFile)) errors.Add($"{Kind} '{Name}' url_file: is empty; name a file that holds the incoming webhook URL.");
        else if (!File.Exists(UrlFile)) errors.Add($"{Kind} '{Name}' url_file: '{UrlFile}' does not exist; write the incoming webhook URL into it (mode 0600).");
        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMinutes(5))
            errors.Add($"{Kind} '{Name}' timeout: {Timeout} is outside (0, 5 min]; use for example 10s.");
        return errors;
    }

    /// <summary>Reads and checks the URL in <see cref="UrlFile"/>; the message names the file, never the URL.</summary>
    internal Uri ReadUrl()
    {
        var text = SecretFile.Read(UrlFile, $"{Kind} '{Name}' url_file");
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            throw new InvalidOperationException($"{Kind} '{Name}' url_file: '{UrlFile}' does not hold an absolute https URL; paste the webhook URL the {Kind} admin page shows, alone on one line.");
        return url;
    }
}
