using ValueGuard.Configuration.Sites;
using ValueGuard.Escalation.Sinks;
using ValueGuard.Escalation.Sinks.DingTalk;
using ValueGuard.Escalation.Sinks.Email;
using ValueGuard.Escalation.Sinks.Feishu;
using ValueGuard.Escalation.Sinks.Jira;
using ValueGuard.Escalation.Sinks.PagerDuty;
using ValueGuard.Escalation.Sinks.Redmine;
using ValueGuard.Escalation.Sinks.Salesforce;
using ValueGuard.Escalation.Sinks.ServiceNow;
using ValueGuard.Escalation.Sinks.Slack;
using ValueGuard.Escalation.Sinks.Teams;
using ValueGuard.Escalation.Sinks.WeCom;
using ValueGuard.Escalation.Sinks.Webhook;

namespace ValueGuard.Gateway.Hosting;

/// <summary>Builds the ticket sinks a site names, over one shared HTTP client.</summary>
public static class TicketSinkFactory
{
    /// <summary>A Redmine sink's options: what the site says, the sink's defaults for what it leaves out.</summary>
    public static RedmineSinkOptions RedmineOptions(TicketSinkConfig config)
    {
        var options = new RedmineSinkOptions { Name = config.Name, Url = config.Url!, ApiKeyFile = config.ApiKeyFile!, Project = config.Project! };
        return options with
        {
            ResolvedStatus = config.ResolvedStatus ?? options.ResolvedStatus,
            ClosedStatus = config.ClosedStatus ?? options.ClosedStatus,
            PriorityNames = config.PriorityNames ?? options.PriorityNames,
            Timeout = config.Timeout ?? options.Timeout,
        };
    }

    public static ITicketSink Create(TicketSinkConfig config, HttpClient http, TimeProvider clock) => config.Kind switch
    {
        "webhook" => new WebhookTicketSink(Validated(new WebhookSinkOptions { Name = config.Name, Url = config.Url!, SecretFile = config.SecretFile! }, o => o.Validate()), http, clock),
        "redmine" => new RedmineTicketSink(Validated(RedmineOptions(config), o => o.Validate()), http),
        "jira" => new JiraTicketSink(Validated(new JiraSinkOptions
        {
            Name = config.Name, Url = config.Url!, Project = config.Project!, ApiTokenFile = config.ApiTokenFile!, User = config.User,
            IssueType = config.IssueType ?? "Task", ResolveTransition = config.ResolveTransition ?? "Done",
        }, o => o.Validate()), http),
        "pagerduty" => new PagerDutyTicketSink(Validated(new PagerDutySinkOptions
        {
            Name = config.Name, Url = config.Url ?? PagerDutySinkOptions.DefaultUrl, RoutingKeyFile = config.RoutingKeyFile!,
            Source = config.Source ?? Environment.MachineName,
        }, o => o.Validate()), http),
        "slack" => new ChatWebhookTicketSink(Validated(Chat(config), o => o.Validate()), http, SlackMessage.Serialize),
        "teams" => new ChatWebhookTicketSink(Validated(Chat(config), o => o.Validate()), http, TeamsMessage.Serialize),
        "servicenow" => new ServiceNowTicketSink(Validated(new ServiceNowSinkOptions
        {
            Name = config.Name, Url = config.Url!, User = config.User, PasswordFile = config.PasswordFile, ApiTokenFile = config.ApiTokenFile,
            AssignmentGroup = config.AssignmentGroup, CloseCode = config.CloseCode ?? "Solved (Permanently)",
        }, o => o.Validate()), http),
        "salesforce" => new SalesforceTicketSink(Validated(new SalesforceSinkOptions
        {
            Name = config.Name, Url = config.Url!, ClientId = config.ClientId!, ClientSecretFile = config.ClientSecretFile!,
            ApiVersion = config.ApiVersion ?? "v60.0", ExternalIdField = config.ExternalIdField ?? "ValueGuard_Episode__c", CloseStatus = config.CloseStatus ?? "Closed",
        }, o => o.Validate()), http),
        "email" => new EmailTicketSink(Validated(new EmailSinkOptions
        {
            Name = config.Name, Host = config.Smtp!.Host, Port = config.Smtp.Port, StartTls = config.Smtp.StartTls, User = config.Smtp.User,
            PasswordFile = config.Smtp.PasswordFile, From = config.Smtp.From, To = config.Smtp.To,
        }, o => o.Validate())),
        "feishu" => FeishuSink.Create(Validated(new FeishuSinkOptions { Name = config.Name, UrlFile = config.UrlFile!, SecretFile = config.SecretFile }, o => o.Validate()), http, clock),
        "wecom" => new ChatWebhookTicketSink(Validated(Chat(config), o => o.Validate()), http, WeComMessage.Serialize, ChatRobotAnswer.Refusal),
        "dingtalk" => new DingTalkTicketSink(Validated(new DingTalkSinkOptions { Name = config.Name, UrlFile = config.UrlFile!, SecretFile = config.SecretFile! }, o => o.Validate()), http, clock),
        _ => new FileTicketSink(config.Name, config.Path),
    };

    private static ChatWebhookOptions Chat(TicketSinkConfig config) => new() { Name = config.Name, Kind = config.Kind, UrlFile = config.UrlFile! };

    private static T Validated<T>(T options, Func<T, IReadOnlyList<string>> validate)
    {
        var problems = validate(options);
        return problems.Count == 0 ? options : throw new InvalidOperationException(string.Join("; ", problems));
    }
}
