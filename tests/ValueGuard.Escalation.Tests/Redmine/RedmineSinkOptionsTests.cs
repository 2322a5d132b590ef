using ValueGuard.Escalation.Sinks.Redmine;
using ValueGuard.Testing;

namespace ValueGuard.Escalation.Tests.Redmine;

public class RedmineSinkOptionsTests
{
    [Fact]
    public void Valid_options_have_no_errors()
    {
        using var dir = new TempDirectory();
        var options = new RedmineSinkOptions { Name = "redmine", Url = new Uri("https://redmine.example.com/"), ApiKeyFile = dir.Write("k", "x"), Project = "acme-service" };

        Assert.Empty(options.Validate());
    }

    [Fact]
    public void Each_problem_names_its_setting_and_the_fix()
    {
        var options = new RedmineSinkOptions
        {
            Name = "redmine", Url = new Uri("file:///etc/redmine"), ApiKeyFile = "/nonexistent/redmine.key", Project = "ACME Service", ClosedStatus = " ",
        };

        var errors = options.Validate();

        Assert.Equal(4, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("redmine 'redmine' url:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("redmine 'redmine' api_key_file: '/nonexistent/redmine.key' does not exist", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("redmine 'redmine' project: 'ACME Service' is not a project identifier", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("redmine 'redmine' closed_status:", StringComparison.Ordinal));
    }

    [Fact]
    public void The_sink_refuses_invalid_options_with_every_message()
    {
        using var http = new HttpClient();
        var options = new RedmineSinkOptions { Name = "redmine", Url = new Uri("https://redmine.example.com/"), ApiKeyFile = "/nonexistent/k", Project = "" };

        var error = Assert.Throws<ArgumentException>(() => new RedmineTicketSink(options, http));

        Assert.Contains("api_key_file", error.Message, StringComparison.Ordinal);
        Assert.Contains("project", error.Message, StringComparison.Ordinal);
    }
}
