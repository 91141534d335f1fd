using System.Net;
using JwtAuth.Server.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace JwtAuth.Server.Tests.Browser;

/// <summary>The demo page in cookie mode, in chromium, against the server on a real socket.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class DemoPageBrowserTests(Chromium chromium)
{
    private static readonly Dictionary<string, string?> CookieMode = new() { ["JwtAuth:Cookies:Enabled"] = "true" };

    [SkippableFact]
    public async Task Demo_SignsInWithCookiesNoScriptCanRead_Refreshes_AndLosesAccessAtOnceWhenAnotherBrowserEndsItsSession()
    {
        var browser = chromium.Require();
        await using var host = await TestServerHost.StartAsync(CookieMode, loopback: true);
        await host.RegisterAsync("alice");

        await using var first = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseAddress.ToString(), UserAgent = "first browser" });
        var page = await SignInAsync(first);

        // No token is within reach of page script.
        (await page.EvaluateAsync<string>("document.cookie")).ShouldBeEmpty();
        (await page.EvaluateAsync<int>("localStorage.length + sessionStorage.length")).ShouldBe(0);
        var cookies = await first.CookiesAsync();
        cookies.Select(c => c.Name).ShouldBe(["__Host-jwtauth-access", "__Secure-jwtauth-refresh"], ignoreOrder: true);
        cookies.ShouldAllBe(c => c.HttpOnly && c.Secure && c.SameSite == SameSiteAttribute.Strict);

        await page.ClickAsync("#me");
        await Expect(page.Locator("#me-json")).ToContainTextAsync("\"username\": \"alice\"");
        var accessBefore = cookies.Single(c => c.Name == "__Host-jwtauth-access").Value;
        host.Time.Advance(TimeSpan.FromSeconds(1));
        await page.ClickAsync("#refresh");
        await Expect(page.Locator("#status")).ToContainTextAsync("Tokens refreshed");
        (await first.CookiesAsync()).Single(c => c.Name == "__Host-jwtauth-access").Value.ShouldNotBe(accessBefore);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Chromium.ScreenshotDirectory, "demo.png"), FullPage = true });

        // A second browser signs in and ends the first one's session from the list.
        await using var second = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseAddress.ToString(), UserAgent = "second browser" });
        var other = await SignInAsync(second);
        var firstRow = other.Locator("#sessions tr", new PageLocatorOptions { HasText = "first browser" });
        await Expect(other.Locator("#sessions tr")).ToHaveCountAsync(2);
        await firstRow.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "End" }).ClickAsync();
        await Expect(other.Locator("#sessions tr")).ToHaveCountAsync(1);

        // The first browser's very next request is refused; refreshing cannot bring it back.
        using (var probe = new HttpRequestMessage(HttpMethod.Get, new Uri(host.BaseAddress, "/api/me/")))
        {
            probe.Headers.Add("Cookie", "__Host-jwtauth-access=" + (await first.CookiesAsync()).Single(c => c.Name == "__Host-jwtauth-access").Value);
            using var http = new HttpClient();
            (await http.SendAsync(probe)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        await page.ClickAsync("#me");
        await Expect(page.Locator("#login")).ToBeVisibleAsync();
        await Expect(page.Locator("#status")).ToContainTextAsync("Signed out");

        // The second browser logs out: its cookies are cleared.
        await other.ClickAsync("#logout");
        await Expect(other.Locator("#status")).ToHaveTextAsync("Logged out.");
        (await second.CookiesAsync()).ShouldBeEmpty();
    }

    [SkippableFact]
    public async Task PageOnAnotherOrigin_CannotUseTheSessionCookies()
    {
        var browser = chromium.Require();
        await using var host = await TestServerHost.StartAsync(CookieMode, loopback: true);
        await host.RegisterAsync("alice");
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseAddress.ToString() });
        var page = await SignInAsync(context);

        // A page of another origin (served by the test through routing) tries a form post and a
        // credentialed fetch to log the user out everywhere.
        var target = new Uri(host.BaseAddress, "/api/logout/all/").ToString();
        await context.RouteAsync("http://attacker.test/**", route => route.FulfillAsync(new RouteFulfillOptions
        {
            ContentType = "text/html",
            Body = $$"""
                <form id="f" method="post" action="{{target}}"></form>
                <script>
                  fetch("{{target}}", { method: "POST", credentials: "include", headers: { "X-JwtAuth-CSRF": "1" } })
                    .then(r => document.title = "fetch " + r.status, e => document.title = "fetch refused");
                </script>
                """,
        }));
        var attacker = await context.NewPageAsync();
        await attacker.GotoAsync("http://attacker.test/");
        await Expect(attacker).ToHaveTitleAsync("fetch refused");
        await attacker.EvaluateAsync("document.getElementById('f').submit()");
        await attacker.WaitForLoadStateAsync();

        // The session survived both.
        await page.ClickAsync("#me");
        await Expect(page.Locator("#me-json")).ToContainTextAsync("alice");
        await Expect(page.Locator("#error")).ToBeEmptyAsync();
    }

    private static async Task<IPage> SignInAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/demo/");
        await Expect(page.Locator("#login")).ToBeVisibleAsync();
        await page.FillAsync("#username", "alice");
        await page.FillAsync("#password", "password-1234");
        await page.ClickAsync("#login button[type=submit]");
        await Expect(page.Locator("#who")).ToHaveTextAsync("alice");
        return page;
    }
}
