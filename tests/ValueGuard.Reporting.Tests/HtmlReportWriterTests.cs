using System.Text.RegularExpressions;
using ValueGuard.Reporting.Html;
using ValueGuard.Reporting.Labels;

namespace ValueGuard.Reporting.Tests;

public partial class HtmlReportWriterTests
{
    [Fact]
    public void Shows_each_clause_with_its_verdict_as_a_word_and_a_colour()
    {
        var html = HtmlReportWriter.Render(SampleReports.Report());

        Assert.Contains("press-availability", html);
        Assert.Contains("<span class=\"verdict breached\">BREACHED</span>", html);
        Assert.Contains("<span class=\"verdict met\">MET</span>", html);
        Assert.Contains("97.222%", html);
        Assert.Contains("ACME-2026-017/press-availability/1", html);
        Assert.Contains(new string('f', 64), html);
    }

    [Fact]
    public void Header_names_customer_contract_period_generation_gateway_and_ledger_head()
    {
        var html = HtmlReportWriter.Render(SampleReports.Report());

        Assert.Contains("<dt>Period</dt><dd>[2026-03-01 00:00 UTC, 2026-03-31 00:00 UTC) = [2026-03-01 08:00, 2026-03-31 08:00) Asia/Shanghai</dd>", html);
        Assert.Contains("<dt>Generated at</dt><dd>2026-03-31 01:00 UTC</dd>", html);
        Assert.Contains("<dt>Gateway</dt><dd>acme-plant-1</dd>", html);
        Assert.Contains($"<dt>Evidence ledger head</dt><dd>{new string('f', 64)} (8 records)</dd>", html);
    }

    [Fact]
    public void Episodes_show_time_to_acknowledge_and_tickets_and_downtime_is_attributed()
    {
        var html = HtmlReportWriter.Render(SampleReports.Report());

        Assert.Contains("<td class=\"num\">2h</td>", html); // time to acknowledge
        Assert.Contains("files: T-1.md", html);
        Assert.Contains("<td class=\"num\">20h</td>", html); // unplanned down 72,000 s
        Assert.Contains("<td class=\"num\">1h</td>", html); // planned maintenance 3,600 s
    }

    [Fact]
    public void Every_clause_has_a_chart_with_target_warn_breach_shading_and_a_text_alternative()
    {
        var html = HtmlReportWriter.Render(SampleReports.Report());

        Assert.Equal(2, Regex.Matches(html, "<svg class=\"chart\"[^>]*role=\"img\"").Count);
        Assert.Equal(2, Regex.Matches(html, "<svg class=\"spark\"[^>]*role=\"img\" aria-label=\"Trend of ").Count);
        Assert.Contains("<title id=\"c-press-availability-t\">press-availability over the period against target &gt;= 98%</title>", html);
        Assert.Single(Regex.Matches(html, "<rect class=\"breach\""));
        Assert.Single(Regex.Matches(html, "<line class=\"warn\""));
        Assert.Equal(4, Regex.Matches(html, "<line class=\"target\"").Count);
        Assert.Equal(4, Regex.Matches(html, "<polyline class=\"kpi\" points=\"[0-9., ]+\"").Count);
    }

    [Fact]
    public void Method_is_written_under_each_clause()
    {
        var html = HtmlReportWriter.Render(SampleReports.Report());

        Assert.Equal(2, Regex.Matches(html, "<h4>Method</h4>").Count);
        Assert.Contains("<strong>Coverage rule</strong>: below 90% INDETERMINATE", html);
        Assert.Contains("running: no burn-rate rule fires", html);
    }

    [Fact]
    public void Text_from_contracts_is_escaped()
    {
        var html = HtmlReportWriter.Render(SampleReports.Report("<script>alert(1)</script>"));

        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;", html);
        Assert.Contains("ACME &lt;Precision&gt; &amp; Parts", html);
    }

    [Fact]
    public void The_report_is_self_contained()
    {
        var html = HtmlReportWriter.Render(SampleReports.Report());

        Assert.DoesNotMatch(ExternalReference(), html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<style>", html);
        Assert.Contains("@media print", html);
    }

    [Fact]
    public void Tables_have_header_semantics_for_screen_readers()
    {
        var html = HtmlReportWriter.Render(SampleReports.Report());

        Assert.Contains("<th scope=\"col\">Verdict</th>", html);
        Assert.Contains("<th scope=\"row\"", html);
        Assert.Equal(3, Regex.Matches(html, "<caption>").Count);
        Assert.Contains("<html lang=\"en\">", html);
    }

    [Fact]
    public void Simplified_chinese_labels_and_verdict_words()
    {
        var html = HtmlReportWriter.Render(SampleReports.Report(), ReportLabels.For("zh-CN"));

        Assert.Contains("<html lang=\"zh-CN\">", html);
        Assert.Contains("<h1>合规报告: ACME &lt;Precision&gt; &amp; Parts</h1>", html);
        Assert.Contains("<span class=\"verdict breached\">违约</span>", html);
        Assert.Contains("<span class=\"verdict met\">达标</span>", html);
        Assert.Contains("<th scope=\"col\">判定</th>", html);
        Assert.Contains("期满未达标", html);
        Assert.DoesNotContain(">Verdict<", html);
    }

    [GeneratedRegex("(src|href)\\s*=\\s*\"(?!#)|url\\(|@import", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}
