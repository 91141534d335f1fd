namespace JwtAuth.Server.Tests.Django;

/// <summary>One Django SQLite database and its dumpdata file for a test class: Django's migrate takes seconds.</summary>
public sealed class DjangoSqliteFixture : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("jwtauth-django-").FullName;

    private DjangoProject? _project;

    public string SqlitePath => Path.Combine(_directory, "django.sqlite3");

    /// <summary>The project, or a skip (a failure under CI) when the real Django is not installed.</summary>
    public DjangoProject Project
    {
        get
        {
            DjangoProject.EnsureAvailable();
            return _project!;
        }
    }

    public async Task InitializeAsync()
    {
        if (DjangoProject.MissingReason() is null)
        {
            _project = await DjangoProject.CreateSqliteAsync(SqlitePath, Path.Combine(_directory, "dump.json"));
        }
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }
}
