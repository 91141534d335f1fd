using System.Security.Claims;

// A resource server: it holds no JwtAuth database and no key of its own. Configuration
// (appsettings.json or environment, e.g. JwtAuth__Validation__Authority=https://auth.example.com):
//   JwtAuth:Algorithm                       the server's algorithm (RS256/ES256…: keys come from its JWKS)
//   JwtAuth:Validation:Authority            the JwtAuth server's base URL
//   JwtAuth:Validation:ServiceName/Secret   this service's credentials (JwtAuth:Services:<name>:Secret on the server)
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddJwtAuthValidation();
builder.Services.AddAuthorization();

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();

// Who the token says the caller is; refused (401) once the session is logged out on the server.
app.MapGet("/api/me/", (ClaimsPrincipal user) => TypedResults.Ok(new { user_id = user.FindFirstValue("user_id") }))
    .RequireAuthorization();

// Unhealthy when the revocation feed has been out of reach too long and tokens are refused.
app.MapHealthChecks("/healthz");
await app.RunAsync().ConfigureAwait(false);
