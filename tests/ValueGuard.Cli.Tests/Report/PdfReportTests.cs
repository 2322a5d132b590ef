using System.Globalization;
using System.Text.RegularExpressions;
using ValueGuard.Testing;
using Xunit.Abstractions;

namespace ValueGuard.Cli.Tests.Report;

/// <summary>PDF reports through Debian's headless chromium, checked with poppler's pdfinfo and pdftotext (./test.sh installs both).</summary>
public partial class PdfReportTests : IClassFixture<DemoRunFixture>
{
    private readonly DemoRunFixture demo;
    private readonly ITestOutputHelper output;

    public PdfReportTests(DemoRunFixture demo, ITestOutputHelper output)
    {
        this.demo = demo;
        this.output = output;
    }

    [Theory]
    [InlineData("en", "Compliance report")]
    [InlineData("zh-CN", "合规报告")]
    public async Task The_pdf_has_pages_and_extractable_text_with_the_clause_ids(string lang, string title)
    {
        ExternalTool.Require("chromium", "chromium");
        var pdfinfo = ExternalTool.Require("pdfinfo", "poppler-utils");
        var pdftotext = ExternalTool.Require("pdftotext", "poppler-utils");
        var pdf = TestArtifacts.File($"report-{lang}.pdf");

        var run = await CliProcess.RunAsync(TimeSpan.FromSeconds(120), "report", "--contract", "ACME-2026-017", "--from", "2026-03-01", "--to", "2026-04-01",
            "--format", "pdf", "--lang", lang, "--out", pdf, "--data", demo.Folder);

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        var info = await ToolRun.RunAsync(pdfinfo, [pdf], TimeSpan.FromSeconds(30));
        var pages = int.Parse(Pages().Match(info.Output).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(pages > 0, info.Output);
        var text = await ToolRun.RunAsync(pdftotext, [pdf, "-"], TimeSpan.FromSeconds(30));
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("press-availability", text.Output);
        Assert.Contains("mes-api-success", text.Output);
        Assert.Contains(title, text.Output);
        // Table cells wrap the long episode id at its hyphens, and pdftotext joins such lines without the hyphen.
        Assert.Contains("ACME2026017/pressavailability/1", Regex.Replace(text.Output, @"[\s-]+", string.Empty));
        output.WriteLine($"{pdf}: {pages} page(s)");
    }

    [Fact]
    public async Task A_screenshot_of_the_html_report_is_saved()
    {
        var chromium = ExternalTool.Require("chromium", "chromium");
        var html = TestArtifacts.File("report.html");
        var png = TestArtifacts.File("report.png");
        var run = await CliProcess.RunAsync(TimeSpan.FromSeconds(120), "report", "--contract", "ACME-2026-017", "--from", "2026-03-01", "--to", "2026-04-01",
            "--out", html, "--data", demo.Folder);
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        if (File.Exists(png)) File.Delete(png);
        using var profile = new TempDirectory();

        var shot = await ToolRun.RunAsync(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", $"--user-data-dir={profile.Path}",
            "--window-size=1100,1500", $"--screenshot={png}", new Uri(html).AbsoluteUri], TimeSpan.FromSeconds(60));

        Assert.True(File.Exists(png) && new FileInfo(png).Length > 10_000, shot.Output);
        output.WriteLine($"screenshot: {png}");
    }

    [GeneratedRegex(@"Pages:\s+(\d+)")]
    private static partial Regex Pages();
}
