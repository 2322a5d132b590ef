using ValueGuard.Configuration.Yaml;
using YamlDotNet.RepresentationModel;

namespace ValueGuard.Configuration.Sites;

/// <summary>Reads one entry of the site's <c>tickets: { sinks: [...] }</c> list (keys per kind in docs/sinks.md).</summary>
internal static class TicketSinkReader
{
    public const string KnownKinds = "file, webhook, redmine, jira, servicenow, salesforce, pagerduty, slack, teams, dingtalk, feishu, wecom or email";

    /// <summary>
    /// The keys each kind reads, besides <c>name</c>, <c>kind</c> and <c>two_way</c> (whose own reader says which kinds
    /// may have it). A key of another kind is an unknown key at its line, with a "did you mean" or this kind's keys.
    /// Chat kinds also accept <c>url</c>, only to refuse it with a better message: their URL is a credential.
    /// </summary>
    internal static readonly Dictionary<string, string[]> KeysByKind = new(StringComparer.Ordinal)
    {
        ["file"] = ["path"],
        ["webhook"] = ["url", "secret_file"],
        ["redmine"] = ["url", "api_key_file", "project", "resolved_status", "closed_status", "priority_names", "timeout"],
        ["jira"] = ["url", "project", "api_token_file", "user", "issue_type", "resolve_transition"],
        ["servicenow"] = ["url", "user", "password_file", "api_token_file", "assignment_group", "close_code"],
        ["salesforce"] = ["url", "client_id", "client_secret_file", "api_version", "external_id_field", "close_status"],
        ["pagerduty"] = ["url", "routing_key_file", "source"],
        ["slack"] = ["url_file", "url"],
        ["teams"] = ["url_file", "url"],
        ["wecom"] = ["url_file", "url"],
        ["dingtalk"] = ["url_file", "secret_file", "url"],
        ["feishu"] = ["url_file", "secret_file", "url"],
        ["email"] = ["host", "port", "starttls", "user", "password_file", "from", "to"],
    };

    private static readonly string[] CommonKeys = ["name", "kind", "two_way"];

    /// <summary>The keys a sink of <paramref name="kind"/> may hold; for a missing or unknown kind every kind's, so only the kind is reported.</summary>
    public static IReadOnlyList<string> KeysOf(string? kind) =>
        [.. CommonKeys, .. kind is not null && KeysByKind.TryGetValue(kind, out var own) ? own : KeysByKind.Values.SelectMany(k => k).Distinct(StringComparer.Ordinal)];

    private static readonly string[] Priorities = ["normal", "high", "urgent", "immediate"];

    /// <summary>Redmine's <c>priority_names: { high: Hoch, urgent: Dringend }</c>: ValueGuard's priority → Redmine's name.</summary>
    private static Dictionary<string, string>? PriorityNames(MappingReader r, string sink, ErrorList errors)
    {
        if (r.Mapping("priority_names") is not { } map) return null;
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in map.Children)
        {
            var priority = (k as YamlScalarNode)?.Value ?? string.Empty;
            if (!Priorities.Contains(priority))
            {
                errors.Add(k, $"ticket sink '{sink}': priority_names has '{priority}', which is not a ValueGuard priority", "use normal, high, urgent or immediate as the keys");
                continue;
            }
            if (v is not YamlScalarNode { Value: { Length: > 0 } redmineName })
            {
                errors.Add(v, $"ticket sink '{sink}': priority_names.{priority} must be a Redmine priority name", "write for example 'high: Hoch'");
                continue;
            }
            names[priority] = redmineName;
        }
        return names;
    }

    public static TicketSinkConfig? Read(YamlMappingNode map, ErrorList errors, string dataDir, Func<string, string> resolve)
    {
        var declared = map.Children.TryGetValue(new YamlScalarNode("kind"), out var kindNode) ? (kindNode as YamlScalarNode)?.Value : null;
        var what = declared is not null && KeysByKind.ContainsKey(declared)
            ? $"ticket sink '{(map.Children.TryGetValue(new YamlScalarNode("name"), out var n) ? (n as YamlScalarNode)?.Value : null) ?? declared}' ({declared})"
            : "ticket sink";
        var r = new MappingReader(map, what, errors, [.. KeysOf(declared)]);
        var kind = r.Scalar("kind", required: true);
        if (kind is null) return null;
        var name = r.String("name") ?? kind.Value!;
        var sink = new TicketSinkConfig(name, kind.Value!, Path.Combine(dataDir, r.String("path") ?? "tickets"));
        string? File(string key, bool required) => r.String(key, required) is { } p ? resolve(p) : null;
        switch (kind.Value)
        {
            case "file":
                return sink;
            case "webhook" or "redmine":
                if (HttpUrl(r, name, required: true) is not { } uri) return null;
                if (kind.Value == "webhook")
                    return File("secret_file", required: true) is { } secret ? sink with { Url = uri, SecretFile = secret } : null;
                var key = File("api_key_file", required: true);
                var project = r.String("project", required: true);
                return key is null || project is null ? null : sink with
                {
                    Url = uri, ApiKeyFile = key, Project = project, ResolvedStatus = r.String("resolved_status"), ClosedStatus = r.String("closed_status"),
                    PriorityNames = PriorityNames(r, name, errors), Timeout = r.Duration("timeout"),
                };
            case "jira":
                if (HttpUrl(r, name, required: true) is not { } jiraUrl) return null;
                var jiraProject = r.String("project", required: true);
                var token = File("api_token_file", required: true);
                return jiraProject is null || token is null ? null : sink with
                {
                    Url = jiraUrl, Project = jiraProject, ApiTokenFile = token, User = r.String("user"),
                    IssueType = r.String("issue_type"), ResolveTransition = r.String("resolve_transition"),
                };
            case "servicenow":
                return ReadServiceNow(r, sink, File);
            case "salesforce":
                if (HttpUrl(r, name, required: true) is not { } sfUrl) return null;
                var clientId = r.String("client_id", required: true);
                var clientSecret = File("client_secret_file", required: true);
                return clientId is null || clientSecret is null ? null : sink with
                {
                    Url = sfUrl, ClientId = clientId, ClientSecretFile = clientSecret, ApiVersion = r.String("api_version"),
                    ExternalIdField = r.String("external_id_field"), CloseStatus = r.String("close_status"),
                };
            case "pagerduty":
                var pdUrl = r.Has("url") ? HttpUrl(r, name, required: true) : null;
                if (r.Has("url") && pdUrl is null) return null;
                return File("routing_key_file", required: true) is { } routingKey
                    ? sink with { Url = pdUrl, RoutingKeyFile = routingKey, Source = r.String("source") }
                    : null;
            case "slack" or "teams" or "dingtalk" or "feishu" or "wecom":
                if (r.Scalar("url") is { } inline)
                {
                    errors.Add(inline, $"ticket sink '{name}': a {kind.Value} webhook URL is a credential and does not belong in the site file", "put it in a file (mode 0600) and name that file in url_file");
                    return null;
                }
                var urlFile = File("url_file", required: true);
                var signing = kind.Value switch
                {
                    "dingtalk" => File("secret_file", required: true),
                    "feishu" => File("secret_file", required: false),
                    _ => null,
                };
                if (urlFile is null || (kind.Value == "dingtalk" && signing is null)) return null;
                return sink with { UrlFile = urlFile, SecretFile = signing };
            case "email":
                return SmtpSectionReader.Read(r, sink, File);
            default:
                errors.Add(kind, $"ticket sink kind '{kind.Value}' is not known", $"use {KnownKinds}");
                return null;
        }
    }

    private static TicketSinkConfig? ReadServiceNow(MappingReader r, TicketSinkConfig sink, Func<string, bool, string?> file)
    {
        if (HttpUrl(r, sink.Name, required: true) is not { } url) return null;
        var user = r.String("user");
        var password = file("password_file", false);
        var token = file("api_token_file", false);
        if ((user is null) != (password is null) || (user is null) == (token is null))
        {
            r.Errors.Add(r.Node, $"ticket sink '{sink.Name}': servicenow signs in either with user and password_file (basic auth) or with api_token_file (OAuth bearer token)",
                "write user: and password_file:, or api_token_file: alone");
            return null;
        }
        return sink with
        {
            Url = url, User = user, PasswordFile = password, ApiTokenFile = token,
            AssignmentGroup = r.String("assignment_group"), CloseCode = r.String("close_code"),
        };
    }

    internal static Uri? HttpUrl(MappingReader r, string name, bool required)
    {
        var url = r.Scalar("url", required);
        if (url is null) return null;
        if (Uri.TryCreate(url.Value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https") return uri;
        r.Errors.Add(url, $"ticket sink '{name}': url '{url.Value}' is not an HTTP URL", "write https://host/path");
        return null;
    }
}
