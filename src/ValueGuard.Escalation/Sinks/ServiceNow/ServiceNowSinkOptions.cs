namespace ValueGuard.Escalation.Sinks.ServiceNow;

/// <summary>
/// Which ServiceNow instance a <see cref="ServiceNowTicketSink"/> writes incidents to and how it signs in: an
/// integration user with <see cref="User"/> and <see cref="PasswordFile"/> (basic auth), or an OAuth bearer token in
/// <see cref="ApiTokenFile"/>.
/// </summary>
public sealed record ServiceNowSinkOptions
{
    /// <summary>The sink's name in the outbox (unique per site).</summary>
    public required string Name { get; init; }

    /// <summary>The instance, for example https://acme.service-now.com.</summary>
    public required Uri Url { get; init; }

    public string? User { get; init; }

    public string? PasswordFile { get; init; }

    public string? ApiTokenFile { get; init; }

    /// <summary>The incident's <c>assignment_group</c> (name or sys_id); null leaves it to the instance's assignment rules.</summary>
    public string? AssignmentGroup { get; init; }

    /// <summary>The <c>close_code</c> set when the incident is resolved (mandatory on resolve in current releases).</summary>
    public string CloseCode { get; init; } = "Solved (Permanently)";

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Every problem with these options, each naming the setting and the fix; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Name)) errors.Add("servicenow name: is empty; give the sink a name, for example 'it-incidents'.");
        if (Url is null || !Url.IsAbsoluteUri || (Url.Scheme != Uri.UriSchemeHttp && Url.Scheme != Uri.UriSchemeHttps))
            errors.Add($"servicenow '{Name}' url: '{Url}' is not an absolute http or https URL; write for example https://acme.service-now.com.");
        var basic = User is not null || PasswordFile is not null;
        if (basic == (ApiTokenFile is not null))
            errors.Add($"servicenow '{Name}': sign in either with user and password_file or with api_token_file; write one of the two.");
        if (basic && string.IsNullOrWhiteSpace(User)) errors.Add($"servicenow '{Name}' user: is empty; name the integration user.");
        foreach (var (key, file) in new[] { ("password_file", PasswordFile), ("api_token_file", ApiTokenFile) })
            if (file is not null && !File.Exists(file)) errors.Add($"servicenow '{Name}' {key}: '{file}' does not exist; write the credential into it (mode 0600).");
        if (basic && PasswordFile is null) errors.Add($"servicenow '{Name}' password_file: is missing; name the file that holds the integration user's password.");
        if (string.IsNullOrWhiteSpace(CloseCode)) errors.Add($"servicenow '{Name}' close_code: is empty; use one of the instance's close codes, for example \"Solved (Permanently)\".");
        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMinutes(5))
            errors.Add($"servicenow '{Name}' timeout: {Timeout} is outside (0, 5 min]; use for example 15s.");
        return errors;
    }
}
