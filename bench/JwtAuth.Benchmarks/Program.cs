using System.Text.RegularExpressions;
using BenchmarkDotNet.Running;

namespace JwtAuth.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project bench/JwtAuth.Benchmarks -- --filter '*' [--job short]</c>.
/// The revocation memory report runs first, in this fresh process, when the filter matches it
/// (or with <c>--revocation-memory</c> alone); BenchmarkDotNet runs the rest.
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Contains("--revocation-memory"))
        {
            Console.WriteLine(RevocationMemoryReport.Run());
            return;
        }

        string? memory = null;
        if (FilterMatches(args, RevocationMemoryReport.Name))
        {
            memory = RevocationMemoryReport.Run();
            Console.WriteLine(memory);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        if (memory is not null)
        {
            // Again at the end, next to BenchmarkDotNet's summaries.
            Console.WriteLine(memory);
        }
    }

    // BenchmarkDotNet's --filter globs, applied to the report's name.
    private static bool FilterMatches(string[] args, string name)
    {
        var index = Array.FindIndex(args, a => a is "--filter" or "-f");
        if (index < 0)
        {
            return false;
        }

        return args.Skip(index + 1).TakeWhile(a => !a.StartsWith('-')).Any(glob =>
            Regex.IsMatch(name, "^" + Regex.Escape(glob).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
    }
}
