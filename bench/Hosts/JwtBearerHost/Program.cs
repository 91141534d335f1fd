using System.Text;
using JwtAuth.Bench.Hosts;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

// The baseline of bench/compare.sh: the same endpoint as JwtAuthHost behind stock JwtBearer,
// validating JwtAuth's access token with the same HS256 key and kid, and nothing else: no
// revocation, no issuer or audience, no clock skew.
var builder = WebApplication.CreateSlimBuilder(args);
if (!builder.Configuration.GetValue("Bench:Logging", false))
{
    builder.Logging.ClearProviders();
}

var signingKey = builder.Configuration["Bench:SigningKey"] is { Length: > 0 } key
    ? key
    : throw new InvalidOperationException("Bench:SigningKey is not set (the JwtAuth host's JwtAuth:SigningKey).");
var keyId = builder.Configuration["Bench:KeyId"] is { Length: > 0 } kid
    ? kid
    : throw new InvalidOperationException("Bench:KeyId is not set (the kid of the JwtAuth host's tokens).");

builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, MeJsonContext.Default));
builder.Services.AddAuthorization();
builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
    .AddJwtBearer(options =>
    {
        options.MapInboundClaims = false;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            // The UTF-8 bytes of the key string, as JwtAuth uses them, under JwtAuth's kid.
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)) { KeyId = keyId },
            TryAllIssuerSigningKeys = false,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = TimeSpan.Zero,
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateIssuerSigningKey = false,
        };
    });

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();
app.MapMe();
await app.RunAsync().ConfigureAwait(false);
