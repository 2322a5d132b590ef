using ValueGuard.Configuration.Sites;
using ValueGuard.Escalation.Sinks;
using ValueGuard.Escalation.Sinks.PagerDuty;
using ValueGuard.Escalation.Sinks.Redmine;
using ValueGuard.Escalation.TwoWay;
using ValueGuard.Gateway.Operators;

namespace ValueGuard.Gateway.Hosting;

/// <summary>Builds the read-back side of the sinks whose site entry has <c>two_way</c>.</summary>
internal static class TwoWaySourceFactory
{
    public static IReadOnlyList<TwoWaySource> Create(IEnumerable<TicketSinkConfig> configs, IReadOnlyList<ITicketSink> sinks, HttpClient http)
    {
        var sources = new List<TwoWaySource>();
        foreach (var config in configs)
        {
            if (config.TwoWay is not { } twoWay) continue;
            ITicketAcknowledgementSource source = config.Kind switch
            {
                "redmine" => new RedmineTicketSink(TicketSinkFactory.RedmineOptions(config) with { AcknowledgedStatuses = twoWay.Statuses }, http),
                "pagerduty" => new PagerDutyIncidentReader(Validated(new PagerDutyIncidentOptions
                {
                    Name = config.Name, ApiUrl = twoWay.ApiUrl ?? PagerDutyIncidentOptions.DefaultApiUrl, ApiTokenFile = twoWay.ApiTokenFile!,
                }), http),
                _ => sinks.OfType<ITicketAcknowledgementSource>().FirstOrDefault(s => s.Name == config.Name)
                    ?? throw new InvalidOperationException($"ticket sink '{config.Name}': a {config.Kind} sink cannot be read back (two_way)"),
            };
            sources.Add(new TwoWaySource(source, twoWay.PollEvery));
        }
        return sources;
    }

    private static PagerDutyIncidentOptions Validated(PagerDutyIncidentOptions options)
    {
        var problems = options.Validate();
        return problems.Count == 0 ? options : throw new InvalidOperationException(string.Join("; ", problems));
    }
}
