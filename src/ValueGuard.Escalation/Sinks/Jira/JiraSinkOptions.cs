namespace ValueGuard.Escalation.Sinks.Jira;

/// <summary>Which Jira project a <see cref="JiraTicketSink"/> writes to and how it signs in (REST API v2).</summary>
public sealed record JiraSinkOptions
{
    /// <summary>The sink's name in the outbox (unique per site).</summary>
    public required string Name { get; init; }

    /// <summary>Jira's base URL, for example https://acme.atlassian.net.</summary>
    public required Uri Url { get; init; }

    /// <summary>The project key, for example <c>DEL</c>.</summary>
    public required string Project { get; init; }

    /// <summary>A file holding the API token (Jira Cloud, with <see cref="User"/>) or a personal access token (Data Center).</summary>
    public required string ApiTokenFile { get; init; }

    /// <summary>Jira Cloud: the account e-mail the token belongs to (basic auth); null sends the token as a bearer PAT.</summary>
    public string? User { get; init; }

    public string IssueType { get; init; } = "Task";

    /// <summary>The transition that resolves the issue on recovery and at the period's close.</summary>
    public string ResolveTransition { get; init; } = "Done";

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Every problem with these options, each naming the setting and the fix; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Name)) errors.Add("jira name: is empty; give the sink a name, for example 'delivery-jira'.");
        if (Url is null || !Url.IsAbsoluteUri || (Url.Scheme != Uri.UriSchemeHttp && Url.Scheme != Uri.UriSchemeHttps))
            errors.Add($"jira '{Name}' url: '{Url}' is not an absolute http or https URL; write for example https://acme.atlassian.net.");
        if (string.IsNullOrWhiteSpace(Project)) errors.Add($"jira '{Name}' project: is empty; write the project key, for example DEL.");
        if (string.IsNullOrWhiteSpace(ApiTokenFile)) errors.Add($"jira '{Name}' api_token_file: is empty; name a file that holds the API token.");
        else if (!File.Exists(ApiTokenFile)) errors.Add($"jira '{Name}' api_token_file: '{ApiTokenFile}' does not exist; write the API token into it (mode 0600).");
        if (string.IsNullOrWhiteSpace(IssueType)) errors.Add($"jira '{Name}' issue_type: is empty; use for example Task.");
        if (string.IsNullOrWhiteSpace(ResolveTransition)) errors.Add($"jira '{Name}' resolve_transition: is empty; use the transition's name, for example Done.");
        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMinutes(5))
            errors.Add($"jira '{Name}' timeout: {Timeout} is outside (0, 5 min]; use for example 15s.");
        return errors;
    }
}
