namespace ValueGuard.Escalation.Sinks.PagerDuty;

/// <summary>Where a <see cref="PagerDutyTicketSink"/> sends events and which service's routing key it uses.</summary>
public sealed record PagerDutySinkOptions
{
    /// <summary>PagerDuty's Events API v2 endpoint.</summary>
    public static readonly Uri DefaultUrl = new("https://events.pagerduty.com/v2/enqueue");

    /// <summary>The sink's name in the outbox (unique per site).</summary>
    public required string Name { get; init; }

    /// <summary>The Events API v2 enqueue URL (change only for a proxy or a regional endpoint).</summary>
    public Uri Url { get; init; } = DefaultUrl;

    /// <summary>A file holding the service's integration (routing) key, 32 characters.</summary>
    public required string RoutingKeyFile { get; init; }

    /// <summary>The event's <c>payload.source</c>: where the problem is (the gateway or plant).</summary>
    public required string Source { get; init; }

    /// <summary>How long one POST may take before it counts as failed and is retried.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Every problem with these options, each naming the setting and the fix; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Name)) errors.Add("pagerduty name: is empty; give the sink a name, for example 'on-call'.");
        if (Url is null || !Url.IsAbsoluteUri || (Url.Scheme != Uri.UriSchemeHttp && Url.Scheme != Uri.UriSchemeHttps))
            errors.Add($"pagerduty '{Name}' url: '{Url}' is not an absolute http or https URL; leave it out to use {DefaultUrl}.");
        if (string.IsNullOrWhiteSpace(RoutingKeyFile)) errors.Add($"pagerduty '{Name}' routing_key_file: is empty; name a file that holds the service's integration key.");
        else if (!File.Exists(RoutingKeyFile)) errors.Add($"pagerduty '{Name}' routing_key_file: '{RoutingKeyFile}' does not exist; write the integration key of the service's Events API v2 integration into it (mode 0600).");
        if (string.IsNullOrWhiteSpace(Source)) errors.Add($"pagerduty '{Name}' source: is empty; name the gateway or plant, for example 'acme-plant-gw1'.");
        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMinutes(5))
            errors.Add($"pagerduty '{Name}' timeout: {Timeout} is outside (0, 5 min]; use for example 10s.");
        return errors;
    }
}
