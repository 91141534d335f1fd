using JwtAuth.Problems;
using JwtAuth.Server.Accounts;
using JwtAuth.Server.Admin;
using JwtAuth.Server.Data;
using JwtAuth.Server.Demo;
using JwtAuth.Server.OpenApi;
using JwtAuth.Server.Telegram;
using JwtAuth.Server.Django;
using JwtAuth.Server.Users;
using JwtAuth.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

using JwtAuth.Server.Problems;

namespace JwtAuth.Server.Hosting;

/// <summary>Builds the server: the same host serves HTTP and runs the CLI commands.</summary>
internal static class ServerApplication
{
    /// <param name="args">The command line.</param>
    /// <param name="configure">Runs first: configuration sources and the host (tests use a test server).</param>
    /// <param name="overrideServices">Runs last, so its registrations win over the server's (tests replace pieces).</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null, Action<IServiceCollection>? overrideServices = null)
    {
        var builder = WebApplication.CreateBuilder(ServerContentRoot.Options(args));
        configure?.Invoke(builder);
        DevelopmentSigningKey.AddIfMissing(builder);
        var services = builder.Services;
        var configuration = builder.Configuration;

        // Hosted services start in order: the schema is migrated before the revocation log is read.
        if (configuration.GetValue("Database:MigrateOnStartup", true))
        {
            services.AddHostedService<DatabaseMigrationService>();
        }

        // The `me` cache forgets a user when the revocation log says the account changed.
        var jwtAuth = services.AddJwtAuth().UseUsers<IdentityJwtAuthUserService>().AddUserChangeObserver<MeCache>();
        jwtAuth.AddServerDatabase(configuration, builder.Environment);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<JwtAuthOptions>, DevelopmentSigningKeyValidator>());

        services.AddIdentityCore<ServerUser>(identity =>
            {
                // Ten wrong passwords in a row lock the account for five minutes. Overridable under Identity:Lockout
                // (MaxFailedAccessAttempts 0: off); on the app's TimeProvider (ServerUserManager).
                identity.Lockout.MaxFailedAccessAttempts = 10;
                identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
                // NIST SP 800-63B: length, not composition rules. Overridable under Identity:Password.
                identity.Password.RequiredLength = 8;
                identity.Password.RequireDigit = false;
                identity.Password.RequireLowercase = false;
                identity.Password.RequireUppercase = false;
                identity.Password.RequireNonAlphanumeric = false;
                identity.Password.RequiredUniqueChars = 1;
                identity.User.RequireUniqueEmail = false;
                configuration.GetSection("Identity").Bind(identity);
            })
            .AddUserManager<ServerUserManager>()
            .AddUserValidator<UserFieldLimits>()
            .AddErrorDescriber<ServerIdentityErrorDescriber>()
            .AddEntityFrameworkStores<ServerDbContext>();
        // Users imported from Django keep their password hashes until their first login.
        services.Replace(ServiceDescriptor.Scoped<IPasswordHasher<ServerUser>, DjangoPasswordHasher>());
        services.AddOptions<IdentityOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IdentityOptions>, LockoutOptionsValidator>());
        services.AddHttpContextAccessor();
        services.AddSingleton<LoginFailureRecorder>();
        services.AddHostedService(provider => provider.GetRequiredService<LoginFailureRecorder>());
        services.AddScoped<UserAdministration>();
        services.AddSingleton<NumericUserIds>();

        services.AddAuthorization();
        services.AddServerTelemetry(configuration);
        services.AddServerHealthChecks(configuration.GetValue("Database:Provider", DatabaseProvider.Sqlite));
        services.AddExceptionHandler<DatabaseUnavailableExceptionHandler>();
        services.AddExceptionHandler<BadHttpRequestExceptionHandler>();
        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = context =>
        {
            var status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
            context.ProblemDetails.Extensions.TryAdd(JwtAuthProblems.CodeKey, ServerProblems.CodeForStatus(status));
            ServerProblems.CompleteTooManyRequests(context.ProblemDetails);
            ServerProblems.CompleteRoutingFailure(context.ProblemDetails, context.HttpContext);
        });
        services.AddServerOpenApi(configuration);
        var telegram = services.AddTelegramSignIn(configuration);
        var rateLimiting = ServerRateLimitOptions.IsEnabled(configuration);
        if (rateLimiting)
        {
            services.AddServerRateLimiting(configuration);
        }

        overrideServices?.Invoke(services);
        var app = builder.Build();
        // First, so that the error bodies the exception handler and the status code pages write are in the request's language too.
        if (ServerLocalization.IsEnabled(configuration))
        {
            app.UseRequestLocalization(ServerLocalization.Configure);
        }

        app.UseExceptionHandler();
        // Unknown routes (404) and wrong methods (405) get a problem body with a code, like every other error.
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        if (rateLimiting)
        {
            app.UseServerRateLimiting();
        }

        app.MapServerHealthChecks();
        app.MapServerOpenApi();
        app.MapAdmin();
        app.MapDemo();
        var api = app.MapJwtAuthEndpoints("/api");
        app.MapJwtAuthServiceEndpoints("/api");
        api.MapAccountEndpoints(registration: configuration.GetValue("Registration:Enabled", true));
        if (telegram)
        {
            api.MapTelegramEndpoints();
        }

        UserFieldLimits.AddLoginFilter(api);
        if (rateLimiting)
        {
            ServerRateLimiting.LimitEndpoints(api);
        }

        return app;
    }
}
