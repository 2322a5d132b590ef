namespace ValueGuard.Configuration.Sites;

/// <summary>
/// A ticket sink's <c>two_way</c> section: how often the gateway reads the episode tickets back to learn that a
/// person acknowledged one. <see cref="Statuses"/> is Redmine's; <see cref="ApiTokenFile"/> and
/// <see cref="ApiUrl"/> are PagerDuty's REST API (its Events API cannot be read back).
/// </summary>
public sealed record TwoWayConfig(TimeSpan PollEvery)
{
    /// <summary>The default and the shortest interval a site may ask for.</summary>
    public static readonly TimeSpan DefaultPollEvery = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan MinimumPollEvery = TimeSpan.FromSeconds(1);

    /// <summary>Redmine: the statuses that count as acknowledged; empty means any status change by a person.</summary>
    public IReadOnlyList<string> Statuses { get; init; } = [];

    /// <summary>PagerDuty: the file holding a REST API key (absolute path).</summary>
    public string? ApiTokenFile { get; init; }

    /// <summary>PagerDuty: the REST API's base URL; null means https://api.pagerduty.com/.</summary>
    public Uri? ApiUrl { get; init; }
}
