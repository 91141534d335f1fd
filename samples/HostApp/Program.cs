using System.Security.Claims;
using HostApp.Data;
using HostApp.Users;
using JwtAuth.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

var builder = WebApplication.CreateBuilder(args);

// The app's own database and users.
builder.Services.AddDbContext<AppDb>(options => options.UseSqlite(builder.Configuration.GetConnectionString("Default")));
builder.Services.AddSingleton<IPasswordHasher<AppUser>, PasswordHasher<AppUser>>();

// JwtAuth: settings from the "JwtAuth" section, sessions in AppDb, users from the app's table.
builder.Services.AddJwtAuth()
    .UseEntityFrameworkCore<AppDb>()
    .UseUsers<AppUsers>();
builder.Services.AddAuthorization();

var app = builder.Build();

// Apply migrations (the app's tables and JwtAuth's) before the host starts: JwtAuth reads its
// revocation log at start-up.
await using (var scope = app.Services.CreateAsyncScope())
{
    var db = scope.ServiceProvider.GetRequiredService<AppDb>();
    await db.Database.MigrateAsync().ConfigureAwait(false);
    await DemoUser.SeedAsync(db, scope.ServiceProvider.GetRequiredService<IPasswordHasher<AppUser>>(), app.Configuration, app.Logger).ConfigureAwait(false);
}

// JwtAuth's error texts in the client's language (Accept-Language), English by default.
app.UseRequestLocalization(options => options.SetDefaultCulture("en").AddJwtAuthUICultures());
app.UseAuthentication();
app.UseAuthorization();

app.MapJwtAuthEndpoints("/api");
app.MapGet("/hello", (ClaimsPrincipal user) => TypedResults.Ok(new { message = "Hello!", user_id = user.GetUserId() }))
    .RequireAuthorization();

await app.RunAsync().ConfigureAwait(false);
