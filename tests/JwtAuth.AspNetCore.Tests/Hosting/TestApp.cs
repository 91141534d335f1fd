using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using JwtAuth.Authentication;
using JwtAuth.Sessions;
using JwtAuth.Testing;
using JwtAuth.Tests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace JwtAuth.Tests.Hosting;

/// <summary>A host application with JwtAuth on a test server: an in-memory store, fake users, and a protected endpoint.</summary>
internal sealed class TestApp : IAsyncDisposable
{
    public const string Protected = "/protected";
    public const string Password = "secret-password";

    private TestApp(WebApplication app, ReloadableConfiguration settings, LogCapture logs) => (App, Settings, Logs) = (app, settings, logs);

    public WebApplication App { get; }

    public ReloadableConfiguration Settings { get; }

    public LogCapture Logs { get; }

    /// <summary>
    /// Builds and starts the app. <paramref name="addJwtAuth"/> replaces the default
    /// <c>AddJwtAuth().UseUsers&lt;FakeUsers&gt;().UseSessionStore&lt;InMemorySessionStore&gt;()</c>.
    /// </summary>
    public static async Task<TestApp> StartAsync(Action<IServiceCollection>? addJwtAuth = null, string scheme = JwtAuthDefaults.AuthenticationScheme, Action<WebApplication>? map = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseTestServer();
        var settings = new ReloadableConfiguration();
        settings.Set("JwtAuth:SigningKey", TestOptions.Hs256Key);
        ((IConfigurationBuilder)builder.Configuration).Add(settings);
        var logs = new LogCapture();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddSingleton<InMemorySessionStore>();
        if (addJwtAuth is null)
        {
            builder.Services.AddJwtAuth().UseUsers<FakeUsers>().UseSessionStore<InMemorySessionStore>();
        }
        else
        {
            addJwtAuth(builder.Services);
        }

        // One store for the whole app, as a database would be.
        if (builder.Services.Any(service => service.ServiceType == typeof(ISessionStore)))
        {
            builder.Services.Replace(ServiceDescriptor.Singleton<ISessionStore>(sp => sp.GetRequiredService<InMemorySessionStore>()));
        }

        builder.Services.AddAuthorization();
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapJwtAuthEndpoints();
        app.MapGet(Protected, (HttpContext http) => TypedResults.Ok(new { user = http.User.GetUserId() }))
            .RequireAuthorization(new Microsoft.AspNetCore.Authorization.AuthorizeAttribute { AuthenticationSchemes = scheme });
        map?.Invoke(app);
        var started = new TestApp(app, settings, logs);
        await app.StartAsync();
        return started;
    }

    public HttpClient CreateClient() => App.GetTestClient();

    public async Task<(string Access, string Refresh)> LoginAsync(string userName)
    {
        using var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/token/", new { username = userName, password = Password });
        var body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue(body);
        var json = JsonDocument.Parse(body).RootElement;
        return (json.GetProperty("access").GetString()!, json.GetProperty("refresh").GetString()!);
    }

    public static string NewUser() => FakeUsers.Add("user-" + Guid.NewGuid().ToString("N")[..8], Password).UserName;

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }

    /// <summary>Configuration the test changes while the app runs, then reloads as a changed file would.</summary>
    internal sealed class ReloadableConfiguration : ConfigurationProvider, IConfigurationSource
    {
        public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

        public void Change(string key, string value)
        {
            Set(key, value);
            OnReload();
        }
    }

    /// <summary>Every log record, by category.</summary>
    internal sealed class LogCapture : ILoggerProvider
    {
        private readonly ConcurrentQueue<(string Category, LogLevel Level, EventId Event, string Message)> _records = new();

        public IReadOnlyList<(string Category, LogLevel Level, EventId Event, string Message)> Records => _records.ToArray();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(LogCapture owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner._records.Enqueue((category, logLevel, eventId, formatter(state, exception)));
        }
    }
}
