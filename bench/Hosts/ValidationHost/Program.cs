using JwtAuth.Bench.Hosts;

// The resource-server side of bench/compare.sh (CONTENDER=validation): the shared endpoint behind
// JwtAuth.Validation, with no database. The script points it at the JwtAuth host
// (JwtAuth:Validation:Authority), whose revocation feed fills its registry with the same revoked
// sessions and users; requests touch neither a database nor the network.
var builder = WebApplication.CreateSlimBuilder(args);
if (!builder.Configuration.GetValue("Bench:Logging", false))
{
    builder.Logging.ClearProviders();
}

builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, MeJsonContext.Default));
builder.Services.AddAuthorization();
builder.Services.AddJwtAuthValidation();

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();
app.MapMe();
await app.RunAsync().ConfigureAwait(false);
