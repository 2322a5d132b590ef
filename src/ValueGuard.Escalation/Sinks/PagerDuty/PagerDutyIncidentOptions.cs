namespace ValueGuard.Escalation.Sinks.PagerDuty;

/// <summary>
/// How a <see cref="PagerDutyIncidentReader"/> reads incidents back. The Events API v2 (routing key) can only send,
/// so two-way needs a REST API token of its own (a read-only key is enough).
/// </summary>
public sealed record PagerDutyIncidentOptions
{
    /// <summary>PagerDuty's REST API.</summary>
    public static readonly Uri DefaultApiUrl = new("https://api.pagerduty.com/");

    /// <summary>The name of the PagerDuty sink whose alerts are read back.</summary>
    public required string Name { get; init; }

    /// <summary>The REST API's base URL (EU accounts: https://api.eu.pagerduty.com/).</summary>
    public Uri ApiUrl { get; init; } = DefaultApiUrl;

    /// <summary>A file holding a REST API key (Integrations → API Access Keys; read-only suffices).</summary>
    public required string ApiTokenFile { get; init; }

    /// <summary>How long one request may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Every problem with these options, each naming the setting and the fix; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (ApiUrl is null || !ApiUrl.IsAbsoluteUri || (ApiUrl.Scheme != Uri.UriSchemeHttp && ApiUrl.Scheme != Uri.UriSchemeHttps))
            errors.Add($"pagerduty '{Name}' two_way.api_url: '{ApiUrl}' is not an absolute http or https URL; leave it out to use {DefaultApiUrl}.");
        if (string.IsNullOrWhiteSpace(ApiTokenFile))
            errors.Add($"pagerduty '{Name}' two_way.api_token_file: is empty; the Events API cannot be read back, so name a file holding a REST API key.");
        else if (!File.Exists(ApiTokenFile))
            errors.Add($"pagerduty '{Name}' two_way.api_token_file: '{ApiTokenFile}' does not exist; write a REST API key (read-only suffices) into it (mode 0600).");
        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMinutes(5))
            errors.Add($"pagerduty '{Name}' timeout: {Timeout} is outside (0, 5 min]; use for example 10s.");
        return errors;
    }
}
