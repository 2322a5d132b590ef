namespace ValueGuard.Escalation.Sinks.Redmine;

/// <summary>Which Redmine a <see cref="RedmineTicketSink"/> talks to, with which key, in which project.</summary>
public sealed record RedmineSinkOptions
{
    /// <summary>The sink's name in the outbox (unique per site).</summary>
    public required string Name { get; init; }

    /// <summary>Redmine's base URL, for example https://redmine.example.com/ (the REST API must be enabled).</summary>
    public required Uri Url { get; init; }

    /// <summary>A file holding the API key of the user the tickets are created as.</summary>
    public required string ApiKeyFile { get; init; }

    /// <summary>The project identifier (as in /projects/IDENTIFIER) the issues are created in.</summary>
    public required string Project { get; init; }

    /// <summary>The status name set on resolve (looked up through /issue_statuses.json).</summary>
    public string ResolvedStatus { get; init; } = "Resolved";

    /// <summary>The status name set on close.</summary>
    public string ClosedStatus { get; init; } = "Closed";

    /// <summary>
    /// Redmine priority names for ValueGuard's priorities (normal, high, urgent, immediate); a priority not
    /// named here is looked up by its own name, case-insensitively.
    /// </summary>
    public IReadOnlyDictionary<string, string> PriorityNames { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Two-way: the statuses that count as a person acknowledging the issue when someone other than ValueGuard's API
    /// user sets them. Empty (the default): any status change by a person counts.
    /// </summary>
    public IReadOnlyList<string> AcknowledgedStatuses { get; init; } = [];

    /// <summary>How long one REST request may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Every problem with these options, each naming the setting and the fix; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Name)) errors.Add("redmine name: is empty; give the sink a name, for example 'redmine'.");
        if (Url is null || !Url.IsAbsoluteUri || (Url.Scheme != Uri.UriSchemeHttp && Url.Scheme != Uri.UriSchemeHttps))
            errors.Add($"redmine '{Name}' url: '{Url}' is not an absolute http or https URL; write for example https://redmine.example.com/.");
        if (string.IsNullOrWhiteSpace(ApiKeyFile)) errors.Add($"redmine '{Name}' api_key_file: is empty; name a file that holds the API key (My account → API access key).");
        else if (!File.Exists(ApiKeyFile)) errors.Add($"redmine '{Name}' api_key_file: '{ApiKeyFile}' does not exist; write the API key into it (mode 0600).");
        if (string.IsNullOrWhiteSpace(Project) || Project.Any(ch => !(char.IsAsciiLetterLower(ch) || char.IsAsciiDigit(ch) || ch is '-' or '_')))
            errors.Add($"redmine '{Name}' project: '{Project}' is not a project identifier; use the identifier from the project's URL, for example 'acme-service'.");
        if (string.IsNullOrWhiteSpace(ResolvedStatus)) errors.Add($"redmine '{Name}' resolved_status: is empty; name a status such as 'Resolved'.");
        if (string.IsNullOrWhiteSpace(ClosedStatus)) errors.Add($"redmine '{Name}' closed_status: is empty; name a status such as 'Closed'.");
        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMinutes(5))
            errors.Add($"redmine '{Name}' timeout: {Timeout} is outside (0, 5 min]; use for example 15s.");
        return errors;
    }
}
