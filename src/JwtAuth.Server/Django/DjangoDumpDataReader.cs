using System.Globalization;
using System.Text.Json;

namespace JwtAuth.Server.Django;

/// <summary>
/// Reads the output of <c>manage.py dumpdata</c> (JSON): its <c>auth.user</c>,
/// <c>token_blacklist.outstandingtoken</c> and <c>token_blacklist.blacklistedtoken</c> objects;
/// every other model is ignored. A token's user may be a primary key or, with
/// <c>--natural-foreign</c>, a user name.
/// </summary>
internal static class DjangoDumpDataReader
{
    public static async Task<DjangoExport> ReadAsync(string path, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            await using var file = File.OpenRead(path);
            document = await JsonDocument.ParseAsync(file, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new DjangoImportException($"cannot read the dumpdata file '{path}': {ex.Message}", ex);
        }

        using (document)
        {
            try
            {
                return Read(document.RootElement, path);
            }
            catch (Exception ex) when (ex is InvalidOperationException or KeyNotFoundException or FormatException)
            {
                throw new DjangoImportException($"'{path}' is not a Django dumpdata file: {ex.Message}", ex);
            }
        }
    }

    private static DjangoExport Read(JsonElement root, string path)
    {
        if (root.ValueKind != JsonValueKind.Array)
        {
            throw new DjangoImportException($"'{path}' is not a Django dumpdata file: it is not a JSON array (dump with --format json).");
        }

        var users = new List<DjangoUser>();
        var outstanding = new List<(long Pk, string Jti, JsonElement User, DateTimeOffset ExpiresAt)>();
        var blacklisted = new HashSet<long>();
        var hasTokenTables = false;
        foreach (var item in root.EnumerateArray())
        {
            var model = item.TryGetProperty("model", out var name) ? name.GetString() : null;
            hasTokenTables |= model?.StartsWith("token_blacklist.", StringComparison.Ordinal) == true;
            if (model is not ("auth.user" or "token_blacklist.outstandingtoken" or "token_blacklist.blacklistedtoken"))
            {
                continue;
            }

            if (!item.TryGetProperty("pk", out var pk) || pk.ValueKind != JsonValueKind.Number)
            {
                throw new DjangoImportException($"'{path}' has a {model} without a numeric pk (dumped with --natural-primary?): the import needs Django's ids.");
            }

            var fields = item.GetProperty("fields");
            switch (model)
            {
                case "auth.user":
                    users.Add(new DjangoUser(
                        pk.GetInt64(),
                        fields.GetProperty("username").GetString()!,
                        fields.TryGetProperty("email", out var email) ? email.GetString() ?? "" : "",
                        fields.GetProperty("password").GetString()!,
                        fields.GetProperty("is_active").GetBoolean(),
                        fields.GetProperty("is_staff").GetBoolean(),
                        fields.GetProperty("is_superuser").GetBoolean(),
                        DjangoTime.Parse(fields.GetProperty("date_joined").GetString()!),
                        fields.GetProperty("last_login") is { ValueKind: JsonValueKind.String } login ? DjangoTime.Parse(login.GetString()!) : null));
                    break;
                case "token_blacklist.outstandingtoken":
                    outstanding.Add((pk.GetInt64(), fields.GetProperty("jti").GetString()!, fields.GetProperty("user"),
                        DjangoTime.Parse(fields.GetProperty("expires_at").GetString()!)));
                    break;
                default:
                    blacklisted.Add(fields.GetProperty("token").GetInt64());
                    break;
            }
        }

        if (users.Count == 0 && !hasTokenTables)
        {
            throw new DjangoImportException($"'{path}' holds no auth.user objects: not a dump of a Django project with django.contrib.auth.");
        }

        var idsByName = users.ToDictionary(u => u.UserName, u => u.Id, StringComparer.Ordinal);
        var tokens = outstanding.Select(t => new DjangoOutstandingToken(t.Jti, UserIdOf(t.User, idsByName), t.ExpiresAt, blacklisted.Contains(t.Pk))).ToList();
        return new DjangoExport(users, tokens, hasTokenTables);
    }

    /// <summary>A primary key, a natural key (<c>["alice"]</c>), or null; a name not in the dump is no user.</summary>
    private static long? UserIdOf(JsonElement user, Dictionary<string, long> idsByName) => user.ValueKind switch
    {
        JsonValueKind.Number => user.GetInt64(),
        JsonValueKind.Array when user.GetArrayLength() == 1 && idsByName.TryGetValue(user[0].GetString() ?? "", out var id) => id,
        JsonValueKind.Null or JsonValueKind.Array => null,
        _ => throw new FormatException($"a token's user is {user.ValueKind.ToString().ToLower(CultureInfo.InvariantCulture)}, not a key."),
    };
}
