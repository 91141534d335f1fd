using Microsoft.Extensions.Options;

namespace JwtAuth.Configuration;

/// <summary>Fills defaults that configuration binding cannot express without appending to them.</summary>
internal sealed class JwtAuthPostConfigureOptions : IPostConfigureOptions<JwtAuthOptions>
{
    public void PostConfigure(string? name, JwtAuthOptions options)
    {
        // A list initialised to ["Bearer"] would have configured values appended to it by the binder.
        if (options.AuthHeaderTypes.Count == 0)
        {
            options.AuthHeaderTypes = ["Bearer"];
        }
    }
}
