using ValueGuard.Configuration.Sites;
using ValueGuard.Escalation.Sinks;
using ValueGuard.Escalation.Sinks.Redmine;
using ValueGuard.Escalation.Sinks.Webhook;

namespace ValueGuard.Gateway.Hosting;

/// <summary>Builds the ticket sinks a site names, over one shared HTTP client.</summary>
internal static class TicketSinkFactory
{
    public static ITicketSink Create(TicketSinkConfig config, HttpClient http, TimeProvider clock) => config.Kind switch
    {
        "webhook" => new WebhookTicketSink(Validated(new WebhookSinkOptions { Name = config.Name, Url = config.Url!, SecretFile = config.SecretFile! }, o => o.Validate()), http, clock),
        "redmine" => new RedmineTicketSink(Validated(new RedmineSinkOptions { Name = config.Name, Url = config.Url!, ApiKeyFile = config.ApiKeyFile!, Project = config.Project! }, o => o.Validate()), http),
        _ => new FileTicketSink(config.Name, config.Path),
    };

    private static T Validated<T>(T options, Func<T, IReadOnlyList<string>> validate)
    {
        var problems = validate(options);
        return problems.Count == 0 ? options : throw new InvalidOperationException(string.Join("; ", problems));
    }
}
