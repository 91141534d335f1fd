using System.Net;
using JwtAuth.Server.Tests.Infrastructure;
using JwtAuth.Server.Users;
using JwtAuth.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace JwtAuth.Server.Tests.Browser;

/// <summary>The admin page end to end in chromium, against the server on a real socket.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class AdminPageBrowserTests(Chromium chromium)
{
    [SkippableFact]
    public async Task Staff_SearchPageInspectEndDisableEnableAndDelete_FromTheAdminPage()
    {
        var browser = chromium.Require();
        await using var host = await TestServerHost.StartAsync(loopback: true);
        string rootId;
        using (var scope = host.Services.CreateScope())
        {
            rootId = (await scope.ServiceProvider.GetRequiredService<UserAdministration>().CreateAsync("root", "root-password-1", null, isAdmin: true)).User.ShouldNotBeNull().Id;
        }

        foreach (var name in new[] { "bob", "carol", "dave" })
        {
            await host.RegisterAsync(name);
        }

        var (phone, phoneRefresh) = await host.LoginAsync("bob");
        host.Time.Advance(TimeSpan.FromSeconds(1));
        using var api = host.CreateClient();
        (await api.PostJsonAsync("/api/token/refresh/", new { refresh = phoneRefresh })).Status.ShouldBe(HttpStatusCode.OK);
        var (laptop, _) = await host.LoginAsync("bob");

        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.GotoAsync("/admin/?page_size=2");
        await page.FillAsync("#username", "root");
        await page.FillAsync("#password", "root-password-1");
        await page.ClickAsync("#login button[type=submit]");

        // Paging: bob, carol | dave, root (by user name), two a page.
        var users = page.Locator("#users tr");
        await Expect(users).ToHaveCountAsync(2);
        await Expect(users.Nth(0)).ToContainTextAsync("bob");
        await Expect(page.Locator("#users-count")).ToHaveTextAsync("4 in all");
        await Expect(page.Locator("#users-previous")).ToBeDisabledAsync();
        await page.ClickAsync("#users-next");
        await Expect(users.Nth(0)).ToContainTextAsync("dave");
        await Expect(page.Locator("#users-next")).ToBeDisabledAsync();

        // Search, in any case.
        await page.FillAsync("#search", "CAR");
        await page.ClickAsync("#search-form button[type=submit]");
        await Expect(users).ToHaveCountAsync(1);
        await Expect(users.Nth(0)).ToContainTextAsync("carol");
        await page.FillAsync("#search", "bob");
        await page.ClickAsync("#search-form button[type=submit]");
        var bob = users.Filter(new LocatorFilterOptions { HasText = "bob" });
        await Expect(bob).ToHaveCountAsync(1);

        // A user's sessions and refresh tokens: two sessions; three tokens, one rotated out.
        await bob.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Details" }).ClickAsync();
        await Expect(page.Locator("#sessions tbody tr")).ToHaveCountAsync(2);
        await Expect(page.Locator("#tokens-count")).ToHaveTextAsync("3 in all");
        await page.ClickAsync("#tokens-next");
        await Expect(page.Locator("#tokens tbody tr")).ToContainTextAsync(["rotated"]);

        // Ending the phone's session refuses its access token at once; the laptop keeps working.
        var phoneSession = TestJwt.Claims(phone).GetProperty("sid").GetString()!;
        await page.Locator("#sessions tbody tr", new PageLocatorOptions { HasText = phoneSession })
            .GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "End" }).ClickAsync();
        await Expect(page.Locator("#sessions tbody tr")).ToHaveCountAsync(1);
        (await api.GetAsync(TestServerHost.ProtectedPath, phone)).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await api.GetAsync(TestServerHost.ProtectedPath, laptop)).Status.ShouldBe(HttpStatusCode.OK);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Chromium.ScreenshotDirectory, "admin.png"), FullPage = true });

        // Disable ends every session and refuses logins; enable lets bob back in.
        await bob.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Disable" }).ClickAsync();
        await Expect(bob.Locator("td").Nth(2)).ToHaveTextAsync("no");
        (await api.GetAsync(TestServerHost.ProtectedPath, laptop)).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await api.PostJsonAsync("/api/token/", new { username = "bob", password = "password-1234" })).Status.ShouldBe(HttpStatusCode.Unauthorized);
        await bob.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Enable" }).ClickAsync();
        await Expect(bob.Locator("td").Nth(2)).ToHaveTextAsync("yes");
        await host.LoginAsync("bob");

        // Delete, confirmed in the dialog.
        await bob.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Delete" }).ClickAsync();
        await Expect(users).ToHaveCountAsync(0);
        (await api.PostJsonAsync("/api/token/", new { username = "bob", password = "password-1234" })).Status.ShouldBe(HttpStatusCode.Unauthorized);

        // The audit view, filtered by kind: the deletion, by root.
        await page.SelectOptionAsync("#audit-kind", "user_deleted");
        await page.ClickAsync("#audit-form button[type=submit]");
        await Expect(page.Locator("#audit tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#audit-count")).ToHaveTextAsync("1 in all");
        await Expect(page.Locator("#audit tbody tr td").Nth(1)).ToHaveTextAsync("user_deleted");
        await Expect(page.Locator("#audit tbody tr td").Nth(5)).ToHaveTextAsync(rootId);

        // The page keeps its tokens in memory: nothing in storage or cookies.
        (await page.EvaluateAsync<int>("localStorage.length + sessionStorage.length")).ShouldBe(0);
        (await page.EvaluateAsync<string>("document.cookie")).ShouldBeEmpty();
        await Expect(page.Locator("#error")).ToBeEmptyAsync();
    }

    [SkippableFact]
    public async Task NonStaff_SeeThePermissionError_AndNoUsers()
    {
        var browser = chromium.Require();
        await using var host = await TestServerHost.StartAsync(loopback: true);
        await host.RegisterAsync("bob");

        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/admin/");
        await page.FillAsync("#username", "bob");
        await page.FillAsync("#password", "password-1234");
        await page.ClickAsync("#login button[type=submit]");

        await Expect(page.Locator("#error")).ToHaveTextAsync("You do not have permission to perform this action.");
        await Expect(page.Locator("#panel")).ToBeHiddenAsync();
    }
}
