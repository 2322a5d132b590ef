using ValueGuard.Escalation.Sinks.Webhook;
using ValueGuard.Testing;

namespace ValueGuard.Escalation.Tests.Webhook;

public class WebhookSinkOptionsTests
{
    [Fact]
    public void Valid_options_have_no_errors()
    {
        using var dir = new TempDirectory();
        var options = new WebhookSinkOptions { Name = "crm", Url = new Uri("https://crm.example.com/hook"), SecretFile = dir.Write("s", "x") };

        Assert.Empty(options.Validate());
    }

    [Fact]
    public void Each_problem_names_its_setting_and_the_fix()
    {
        var options = new WebhookSinkOptions
        {
            Name = "crm", Url = new Uri("ftp://crm.example.com/"), SecretFile = "/nonexistent/webhook.secret", Timeout = TimeSpan.Zero,
        };

        var errors = options.Validate();

        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("webhook 'crm' url:", StringComparison.Ordinal) && e.Contains("https://", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("webhook 'crm' secret_file: '/nonexistent/webhook.secret' does not exist", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("webhook 'crm' timeout:", StringComparison.Ordinal));
    }
}
