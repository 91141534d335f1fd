namespace JwtAuth.Server.Hosting;

/// <summary>
/// The server's content root: the folder of the application (where its <c>appsettings.json</c> is
/// copied), not the working directory, so that <c>dotnet /path/to/JwtAuth.Server.dll</c> started from
/// anywhere (a service manager, a container entry point) reads its own settings and keeps relative
/// paths such as <c>App_Data/</c> next to the app. A content root given explicitly
/// (<c>--contentRoot</c>, <c>ASPNETCORE_CONTENTROOT</c>, <c>DOTNET_CONTENTROOT</c>) is kept.
/// </summary>
internal static class ServerContentRoot
{
    public static WebApplicationOptions Options(string[] args) => new()
    {
        Args = args,
        ContentRootPath = IsExplicit(args) ? null : AppContext.BaseDirectory,
    };

    /// <summary>Whether the sources the web host reads its content root from name one.</summary>
    public static bool IsExplicit(string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .AddEnvironmentVariables("DOTNET_")
            .AddEnvironmentVariables("ASPNETCORE_")
            .AddCommandLine(args)
            .Build();
        return !string.IsNullOrEmpty(configuration[HostDefaults.ContentRootKey]);
    }
}
