using JwtAuth.Bench.Hosts;
using Microsoft.EntityFrameworkCore;

// The JwtAuth side of bench/compare.sh: the shared endpoint behind JwtAuth. Its ISessionStore is
// the EF Core store on a throw-away SQLite file, read once at start-up (RevocationSync loads the
// revocation log into the registry) and then every catch-up interval; requests touch no database.
var builder = WebApplication.CreateSlimBuilder(args);
if (!builder.Configuration.GetValue("Bench:Logging", false))
{
    builder.Logging.ClearProviders();
}

var database = builder.Configuration["Bench:Database"]
    ?? throw new InvalidOperationException("Bench:Database is not set (a SQLite file path to create).");
var readyFile = builder.Configuration["Bench:ReadyFile"]
    ?? throw new InvalidOperationException("Bench:ReadyFile is not set (where to write the token once started).");
var revokedSessions = builder.Configuration.GetValue("Bench:RevokedSessions", 5000);
var revokedUsers = builder.Configuration.GetValue("Bench:RevokedUsers", 1000);

builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, MeJsonContext.Default));
builder.Services.AddDbContext<BenchDbContext>(db => db.UseSqlite($"Data Source={database}"));
builder.Services.AddAuthorization();
builder.Services.AddJwtAuth().UseEntityFrameworkCore<BenchDbContext>().UseUsers<BenchUsers>();

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();
app.MapMe();
// The revocation feed for CONTENDER=validation (refuses everyone unless JwtAuth:Services is set).
app.MapJwtAuthServiceEndpoints();

var now = TimeProvider.System.GetUtcNow();
await BenchSetup.SeedRevocationLogAsync(app.Services, revokedSessions, revokedUsers, now).ConfigureAwait(false);
app.Lifetime.ApplicationStarted.Register(() => BenchSetup.WriteReadyFile(app.Services, readyFile, TimeProvider.System.GetUtcNow()));
await app.RunAsync().ConfigureAwait(false);
