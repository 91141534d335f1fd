namespace JwtAuth.Tests;

/// <summary>Options as a test needs them: validated defaults with a known key.</summary>
internal static class TestOptions
{
    public const string Hs256Key = "test-signing-key-0123456789abcdef0123456789abcdef";

    public static JwtAuthOptions Hs256(Action<JwtAuthOptions>? configure = null)
    {
        var options = new JwtAuthOptions { SigningKey = Hs256Key, AuthHeaderTypes = ["Bearer"] };
        configure?.Invoke(options);
        return options;
    }
}
