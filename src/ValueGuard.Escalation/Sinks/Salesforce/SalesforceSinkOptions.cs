using System.Text.RegularExpressions;

namespace ValueGuard.Escalation.Sinks.Salesforce;

/// <summary>
/// Which Salesforce org a <see cref="SalesforceTicketSink"/> writes Cases to and how it signs in: a connected app with
/// the OAuth 2.0 client credentials flow enabled (its consumer key and secret; the flow runs as the app's "run as" user).
/// </summary>
public sealed partial record SalesforceSinkOptions
{
    /// <summary>The sink's name in the outbox (unique per site).</summary>
    public required string Name { get; init; }

    /// <summary>The org's My Domain URL, for example https://acme.my.salesforce.com (the token endpoint lives there).</summary>
    public required Uri Url { get; init; }

    /// <summary>The connected app's consumer key.</summary>
    public required string ClientId { get; init; }

    /// <summary>A file holding the connected app's consumer secret.</summary>
    public required string ClientSecretFile { get; init; }

    /// <summary>The REST API version in paths, <c>vNN.N</c>.</summary>
    public string ApiVersion { get; init; } = "v60.0";

    /// <summary>A custom text field on Case, marked External ID and Unique, that holds the episode key.</summary>
    public string ExternalIdField { get; init; } = "ValueGuard_Episode__c";

    /// <summary>The Case status set on recovery and at the period's close (a closed status in the org's support process).</summary>
    public string CloseStatus { get; init; } = "Closed";

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Every problem with these options, each naming the setting and the fix; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Name)) errors.Add("salesforce name: is empty; give the sink a name, for example 'sales-cases'.");
        if (Url is null || !Url.IsAbsoluteUri || (Url.Scheme != Uri.UriSchemeHttp && Url.Scheme != Uri.UriSchemeHttps))
            errors.Add($"salesforce '{Name}' url: '{Url}' is not an absolute http or https URL; write the org's My Domain URL, for example https://acme.my.salesforce.com.");
        if (string.IsNullOrWhiteSpace(ClientId)) errors.Add($"salesforce '{Name}' client_id: is empty; copy the connected app's consumer key.");
        if (string.IsNullOrWhiteSpace(ClientSecretFile)) errors.Add($"salesforce '{Name}' client_secret_file: is empty; name a file that holds the consumer secret.");
        else if (!File.Exists(ClientSecretFile)) errors.Add($"salesforce '{Name}' client_secret_file: '{ClientSecretFile}' does not exist; write the connected app's consumer secret into it (mode 0600).");
        if (!ApiVersionSyntax().IsMatch(ApiVersion ?? "")) errors.Add($"salesforce '{Name}' api_version: '{ApiVersion}' is not a version like v60.0.");
        if (!FieldSyntax().IsMatch(ExternalIdField ?? "")) errors.Add($"salesforce '{Name}' external_id_field: '{ExternalIdField}' is not a custom field's API name; write for example ValueGuard_Episode__c.");
        if (string.IsNullOrWhiteSpace(CloseStatus)) errors.Add($"salesforce '{Name}' close_status: is empty; use a closed Case status, for example Closed.");
        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMinutes(5))
            errors.Add($"salesforce '{Name}' timeout: {Timeout} is outside (0, 5 min]; use for example 15s.");
        return errors;
    }

    [GeneratedRegex(@"^v[0-9]+\.[0-9]$")]
    private static partial Regex ApiVersionSyntax();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]*__c$")]
    private static partial Regex FieldSyntax();
}
