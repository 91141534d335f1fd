using System.Security.Cryptography;

namespace JwtAuth.Server.Hosting;

/// <summary>
/// In Development with no key configured, generates a random signing key once and keeps it in the
/// app's data folder, so <c>dotnet run</c> works with no setup and tokens survive restarts. The key
/// carries a prefix that the options validation refuses outside Development.
/// </summary>
internal static class DevelopmentSigningKey
{
    /// <summary>Marks a generated key, so that one can never serve outside Development.</summary>
    public const string Prefix = "jwtauth-development-key-";

    public static void AddIfMissing(WebApplicationBuilder builder)
    {
        const string setting = JwtAuthOptions.ConfigurationSection + ":SigningKey";
        if (!builder.Environment.IsDevelopment() || !string.IsNullOrEmpty(builder.Configuration[setting]))
        {
            return;
        }

        var path = Path.Combine(builder.Environment.ContentRootPath, "App_Data", "development-signing-key");
        var generated = !File.Exists(path);
        if (generated)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(48)));
        }

        builder.Configuration.AddInMemoryCollection([new(setting, File.ReadAllText(path).Trim())]);
        builder.Services.AddSingleton(new DevelopmentSigningKeyFile(path, generated));
    }
}

/// <summary>Where the development signing key of this process lives, and whether this start generated it (for the start-up log; never the key).</summary>
internal sealed record DevelopmentSigningKeyFile(string Path, bool Generated);
