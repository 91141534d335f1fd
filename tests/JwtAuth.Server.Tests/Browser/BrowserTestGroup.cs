namespace JwtAuth.Server.Tests.Browser;

/// <summary>The browser tests share one chromium.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserTestGroup : ICollectionFixture<Chromium>
{
    public const string Name = "Browser";
}
