namespace JwtAuth.Server.Data;

/// <summary>The database the server stores users, sessions and revocations in (<c>Database:Provider</c>).</summary>
public enum DatabaseProvider
{
    /// <summary>One file next to the app; one node.</summary>
    Sqlite,

    /// <summary>Shared by several server instances.</summary>
    Postgres,
}
