using ValueGuard.Configuration.Yaml;
using YamlDotNet.RepresentationModel;

namespace ValueGuard.Configuration.Sites;

/// <summary>
/// Reads a ticket sink's <c>two_way: { poll_every: 1m }</c> (Redmine also <c>statuses: [In Progress, Resolved]</c>;
/// PagerDuty also <c>api_token_file</c> and <c>api_url</c>). Only Redmine, Jira and PagerDuty can be read back.
/// </summary>
internal static class TwoWaySectionReader
{
    public static readonly IReadOnlyList<string> Kinds = ["redmine", "jira", "pagerduty"];

    public static TicketSinkConfig Apply(YamlMappingNode sinkNode, TicketSinkConfig sink, ErrorList errors, Func<string, string> resolve)
    {
        if (!sinkNode.Children.TryGetValue(new YamlScalarNode("two_way"), out var value)) return sink;
        var what = $"ticket sink '{sink.Name}' two_way";
        if (value is not YamlMappingNode node)
        {
            errors.Add(value, $"{what}: is not a mapping", "write two_way: { poll_every: 1m }");
            return sink;
        }
        if (!Kinds.Contains(sink.Kind))
        {
            errors.Add(node, $"{what}: a {sink.Kind} sink cannot be read back", $"two_way works with {string.Join(", ", Kinds)}; remove it here");
            return sink;
        }
        var keys = sink.Kind switch
        {
            "redmine" => new[] { "poll_every", "statuses" },
            "pagerduty" => ["poll_every", "api_token_file", "api_url"],
            _ => ["poll_every"],
        };
        var r = new MappingReader(node, what, errors, keys);
        var every = r.Duration("poll_every") ?? TwoWayConfig.DefaultPollEvery;
        if (every < TwoWayConfig.MinimumPollEvery)
            errors.Add(r.Get("poll_every")!, $"{what}: poll_every {every} is too short", "poll at most once a second; 1m is kind to the ticket system");
        var statuses = new List<string>();
        foreach (var item in r.Sequence("statuses")?.Children ?? [])
        {
            if (item is YamlScalarNode { Value: { Length: > 0 } status }) statuses.Add(status);
            else errors.Add(item, $"{what}: each status is a name", "write statuses: [In Progress, Resolved, Closed]");
        }
        string? token = null;
        Uri? apiUrl = null;
        if (sink.Kind == "pagerduty")
        {
            token = r.String("api_token_file", required: true) is { } file ? resolve(file) : null;
            if (r.Scalar("api_url") is { } url)
            {
                if (Uri.TryCreate(url.Value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https") apiUrl = uri;
                else errors.Add(url, $"{what}: api_url '{url.Value}' is not an HTTP URL", "leave it out for https://api.pagerduty.com/ (EU: https://api.eu.pagerduty.com/)");
            }
        }
        return sink with { TwoWay = new TwoWayConfig(every) { Statuses = statuses, ApiTokenFile = token, ApiUrl = apiUrl } };
    }
}
