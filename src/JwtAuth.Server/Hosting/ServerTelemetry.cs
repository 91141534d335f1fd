using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace JwtAuth.Server.Hosting;

/// <summary>
/// OpenTelemetry for the server, on when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the standard
/// variable; <c>OTEL_SERVICE_NAME</c> and the other <c>OTEL_*</c> settings apply as usual): JwtAuth's
/// metrics and traces, ASP.NET Core's requests and EF Core's database calls, exported by OTLP.
/// Without it nothing is collected or sent; <c>dotnet-counters</c> still shows the JwtAuth meter.
/// </summary>
internal static class ServerTelemetry
{
    public const string EndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static void AddServerTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration[EndpointSetting]))
        {
            return;
        }

        services.AddOpenTelemetry()
            .WithTracing(tracing => tracing
                .AddSource(JwtAuthDefaults.TelemetryName)
                .AddAspNetCoreInstrumentation()
                .AddEntityFrameworkCoreInstrumentation())
            .WithMetrics(metrics => metrics
                .AddMeter(JwtAuthDefaults.TelemetryName)
                .AddAspNetCoreInstrumentation())
            .UseOtlpExporter();
    }
}
