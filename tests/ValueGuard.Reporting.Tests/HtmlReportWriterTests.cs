using System.Text.RegularExpressions;
using ValueGuard.Reporting.Html;

namespace ValueGuard.Reporting.Tests;

public partial class HtmlReportWriterTests
{
    private static readonly DateTimeOffset T = new(2026, 3, 31, 0, 0, 0, TimeSpan.Zero);

    private static ComplianceReport Report(string clauseText = "Availability at least 98 %") => new(
        "ACME <Precision> & Parts", "ACME-2026-017", "acme-plant-1", T, T, "Asia/Shanghai", new string('f', 64), 8,
        [
            new ClauseReportRow("press-availability", clauseText, "availability", ">= 98%", "< 99%", "97.222%", "100%", "90%",
                "30d from go-live", "BREACHED", "ClosedMissed", 8641, new string('a', 64), "time up over known time"),
            new ClauseReportRow("mes-api-success", "MES API success", "ratio", ">= 99.5%", null, "99.898%", "99.95%", "90%",
                "rolling 7d", "MET", "Compliant", 4032, new string('b', 64), "good over total"),
        ],
        [new BreachEpisodeRow("ACME-2026-017/press-availability/1", "press-availability", T.AddDays(-19), "ClosedMissed", "files: T-1.md", 2)]);

    [Fact]
    public void Shows_each_clause_with_its_verdict_as_a_word()
    {
        var html = HtmlReportWriter.Render(Report());

        Assert.Contains("press-availability", html);
        Assert.Contains(">BREACHED<", html);
        Assert.Contains(">MET<", html);
        Assert.Contains("ACME-2026-017/press-availability/1", html);
        Assert.Contains(new string('f', 64), html);
    }

    [Fact]
    public void Text_from_contracts_is_escaped()
    {
        var html = HtmlReportWriter.Render(Report("<script>alert(1)</script>"));

        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;", html);
        Assert.Contains("ACME &lt;Precision&gt; &amp; Parts", html);
    }

    [Fact]
    public void The_report_is_self_contained()
    {
        var html = HtmlReportWriter.Render(Report());

        Assert.DoesNotMatch(ExternalReference(), html);
        Assert.Contains("<style>", html);
    }

    [Fact]
    public void Tables_have_header_semantics_for_screen_readers()
    {
        var html = HtmlReportWriter.Render(Report());

        Assert.Contains("<th scope=\"col\">Verdict</th>", html);
        Assert.Contains("<caption>", html);
        Assert.Contains("<html lang=\"en\">", html);
    }

    [GeneratedRegex("(src|href)\\s*=|@import|url\\(", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}
