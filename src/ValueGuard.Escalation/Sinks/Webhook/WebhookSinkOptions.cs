namespace ValueGuard.Escalation.Sinks.Webhook;

/// <summary>Where a <see cref="WebhookTicketSink"/> posts and which secret signs its requests.</summary>
public sealed record WebhookSinkOptions
{
    /// <summary>The sink's name in the outbox (unique per site).</summary>
    public required string Name { get; init; }

    /// <summary>The receiver's URL; https, or http on a trusted network.</summary>
    public required Uri Url { get; init; }

    /// <summary>A file holding the shared HMAC secret (UTF-8, trailing newline ignored).</summary>
    public required string SecretFile { get; init; }

    /// <summary>How long one POST may take before it counts as failed and is retried.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Every problem with these options, each naming the setting and the fix; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Name)) errors.Add("webhook name: is empty; give the sink a name, for example 'crm-webhook'.");
        if (Url is null || !Url.IsAbsoluteUri || (Url.Scheme != Uri.UriSchemeHttp && Url.Scheme != Uri.UriSchemeHttps))
            errors.Add($"webhook '{Name}' url: '{Url}' is not an absolute http or https URL; write for example https://tickets.example.com/valueguard.");
        if (string.IsNullOrWhiteSpace(SecretFile)) errors.Add($"webhook '{Name}' secret_file: is empty; name a file that holds the shared secret.");
        else if (!File.Exists(SecretFile)) errors.Add($"webhook '{Name}' secret_file: '{SecretFile}' does not exist; create it with the shared secret (mode 0600).");
        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMinutes(5))
            errors.Add($"webhook '{Name}' timeout: {Timeout} is outside (0, 5 min]; use for example 10s.");
        return errors;
    }
}
