using Microsoft.Playwright;
using ValueGuard.Storage.Evidence;
using ValueGuard.Testing;
using Xunit.Abstractions;

namespace ValueGuard.Gateway.Tests.Web;

/// <summary>
/// The web UI in a real browser: Playwright drives Debian's chromium (headless, <c>/usr/bin/chromium</c>; ./test.sh
/// installs it, Playwright never downloads one). Screenshots go to TestResults/artifacts.
/// </summary>
public class WebUiBrowserTests : IClassFixture<BreachedGateway>
{
    private readonly BreachedGateway gateway;
    private readonly ITestOutputHelper output;

    public WebUiBrowserTests(BreachedGateway gateway, ITestOutputHelper output)
    {
        this.gateway = gateway;
        this.output = output;
    }

    [Fact]
    public async Task Sign_in_with_the_token_see_the_breach_acknowledge_it_with_a_reason_and_see_the_state_change()
    {
        var chromium = ExternalTool.Require("chromium", "chromium");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true, Args = ["--no-sandbox", "--disable-gpu"] });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        await page.GotoAsync(gateway.Ui.Address.ToString());

        // A wrong token is refused and the data stays hidden.
        await page.GetByLabel("Access token").FillAsync("not-the-token-at-all");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.Locator("#login-error")).ToHaveTextAsync("The token was refused.");
        await Assertions.Expect(page.Locator("#app")).ToBeHiddenAsync();

        await page.GetByLabel("Access token").FillAsync(gateway.Token);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        var row = page.Locator("tr[data-clause='ACME-2026-017/press-availability']");
        await Assertions.Expect(row.Locator(".state")).ToHaveTextAsync("Escalated");
        await Assertions.Expect(row).ToContainTextAsync("BREACHED");
        await Assertions.Expect(page.Locator("#episodes")).ToContainTextAsync("ACME-2026-017/press-availability/1");
        await Assertions.Expect(page.Locator("#devices")).ToContainTextAsync("press-07");
        await page.ScreenshotAsync(new() { Path = TestArtifacts.File("web-ui-breached.png"), FullPage = true });

        await page.GetByRole(AriaRole.Button, new() { Name = "Acknowledge ACME-2026-017/press-availability" }).ClickAsync();
        await page.GetByLabel("Reason").FillAsync("Crew on site, hydraulic pump ordered");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();

        await Assertions.Expect(row.Locator(".state")).ToHaveTextAsync("Acknowledged");
        await Assertions.Expect(page.Locator("#action-result")).ToHaveTextAsync("ACME-2026-017/press-availability moved Escalated -> Acknowledged");
        await Assertions.Expect(row.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#action-form")).ToBeHiddenAsync();
        await page.ScreenshotAsync(new() { Path = TestArtifacts.File("web-ui.png"), FullPage = true });
        output.WriteLine($"screenshots: {TestArtifacts.File("web-ui-breached.png")}, {TestArtifacts.File("web-ui.png")}");

        // The acknowledgement and its reason are evidence, and the chain still verifies.
        var ledger = File.ReadAllLines(gateway.Runtime.Paths.Ledger);
        Assert.Contains(ledger, l => l.Contains("\"to\":\"Acknowledged\"", StringComparison.Ordinal));
        Assert.Contains(ledger, l => l.Contains("\"kind\":\"operator-action\"", StringComparison.Ordinal) && l.Contains("hydraulic pump ordered", StringComparison.Ordinal));
        Assert.True(LedgerVerifier.Verify(gateway.Runtime.Paths.Ledger).Intact);
    }
}
