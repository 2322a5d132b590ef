using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ValueGuard.IntegrationTests.Servers;

namespace ValueGuard.IntegrationTests.Faults.Chaos;

/// <summary>What the real Redmine holds for one contract: its issues per breach episode and the action markers of their notes.</summary>
internal sealed partial class RedmineIssues(RedmineServer redmine, string contractId) : IDisposable
{
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(20) };

    /// <summary>Issue ids per episode marker <c>CONTRACT/CLAUSE/N</c>.</summary>
    public async Task<Dictionary<string, List<int>>> ByEpisodeAsync()
    {
        var marker = Uri.EscapeDataString($"~[vg:{contractId}/");
        var json = await GetAsync($"/issues.json?project_id={redmine.Project}&status_id=*&subject={marker}&limit=100");
        var byEpisode = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var issue in json["issues"]!.AsArray())
        {
            var match = EpisodeMarker().Match(issue!["subject"]!.GetValue<string>());
            if (!match.Success || !match.Groups[1].Value.StartsWith(contractId + "/", StringComparison.Ordinal)) continue;
            var key = match.Groups[1].Value;
            if (!byEpisode.TryGetValue(key, out var ids)) byEpisode[key] = ids = [];
            ids.Add(issue["id"]!.GetValue<int>());
        }
        return byEpisode;
    }

    /// <summary>Action markers that appear in more than one note of an issue (an action written twice).</summary>
    public async Task<List<string>> DuplicateNotesAsync(int issueId)
    {
        var issue = (await GetAsync($"/issues/{issueId}.json?include=journals"))["issue"]!;
        return
        [
            .. issue["journals"]!.AsArray()
                .Select(j => j!["notes"]?.GetValue<string>() ?? "")
                .SelectMany(n => n.Split('\n').Where(l => l.StartsWith("valueguard-action: ", StringComparison.Ordinal)))
                .GroupBy(l => l).Where(g => g.Count() > 1).Select(g => $"#{issueId} {g.Key} ×{g.Count()}"),
        ];
    }

    private async Task<JsonNode> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(redmine.Url, path));
        request.Headers.Add("X-Redmine-API-Key", redmine.ApiKey);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    public void Dispose() => http.Dispose();

    [GeneratedRegex(@"\[vg:([^\]]+)\]")]
    private static partial Regex EpisodeMarker();
}
