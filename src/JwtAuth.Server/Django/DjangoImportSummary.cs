namespace JwtAuth.Server.Django;

/// <summary>What an import did, or with <c>--dry-run</c> would do: counts, and why each skipped row was skipped.</summary>
internal sealed class DjangoImportSummary
{
    public int UsersImported { get; set; }

    public int UsersPresent { get; set; }

    /// <summary>Users skipped for another reason than being there already: one line each.</summary>
    public List<string> UsersSkipped { get; } = [];

    /// <summary>Users imported that cannot log in with their Django password: one line each.</summary>
    public List<string> UsersWithoutPassword { get; } = [];

    public int TokensImported { get; set; }

    public int TokensBlacklisted { get; set; }

    public int TokensPresent { get; set; }

    /// <summary>Tokens skipped, counted by reason.</summary>
    public SortedDictionary<string, int> TokensSkipped { get; } = new(StringComparer.Ordinal);

    public void SkipToken(string reason) => TokensSkipped[reason] = TokensSkipped.GetValueOrDefault(reason) + 1;
}
