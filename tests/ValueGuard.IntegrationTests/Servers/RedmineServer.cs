using System.Diagnostics;
using System.Net;

namespace ValueGuard.IntegrationTests.Servers;

/// <summary>
/// A real Redmine (Debian's package) that <c>./test.sh</c> installed and started: VALUEGUARD_TEST_REDMINE, with the
/// API key of an admin in VALUEGUARD_TEST_REDMINE_KEY and a project in VALUEGUARD_TEST_REDMINE_PROJECT. Redmine boots
/// while the tests build, so this waits until it answers. Without it the tests fail with what to do; they never skip.
/// </summary>
public sealed class RedmineServer
{
    public const string Variable = "VALUEGUARD_TEST_REDMINE";

    public RedmineServer()
    {
        if (Environment.GetEnvironmentVariable(Variable) is not { Length: > 0 } url
            || Environment.GetEnvironmentVariable(Variable + "_KEY") is not { Length: > 0 } key
            || Environment.GetEnvironmentVariable(Variable + "_PROJECT") is not { Length: > 0 } project)
            throw new InvalidOperationException(
                $"Redmine is needed for the ticket tests: run ./test.sh as root (it installs Debian's redmine and starts it), or set {Variable}=http://127.0.0.1:PORT, {Variable}_KEY (an admin's API key) and {Variable}_PROJECT (a project identifier).");
        Url = new Uri(url);
        ApiKey = key;
        Project = project;
        WaitUntilProjectAnswers();
    }

    public Uri Url { get; }

    public string ApiKey { get; }

    public string Project { get; }

    private void WaitUntilProjectAnswers()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        var last = "no answer";
        while (deadline.Elapsed < TimeSpan.FromSeconds(120))
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Url, $"/projects/{Project}.json"));
                request.Headers.Add("X-Redmine-API-Key", ApiKey);
                // A fixture's constructor is synchronous, so the synchronous Send instead of blocking on a task.
                using var response = http.Send(request);
                if (response.StatusCode == HttpStatusCode.OK) return;
                last = $"{(int)response.StatusCode}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                last = e.Message;
            }
            Thread.Sleep(200);
        }
        var log = Environment.GetEnvironmentVariable(Variable + "_LOG") is { Length: > 0 } path && File.Exists(path)
            ? string.Join('\n', File.ReadLines(path).TakeLast(30))
            : "(no log)";
        throw new InvalidOperationException($"Redmine at {Url} did not answer GET /projects/{Project}.json with 200 within 120 s (last: {last}). Its log ends:\n{log}");
    }
}

[CollectionDefinition(Name)]
public sealed class RedmineCollection : ICollectionFixture<RedmineServer>
{
    public const string Name = "redmine";
}
