using JwtAuth.Tokens;

namespace JwtAuth.Tests.Tokens;

/// <summary>What one validator said: the failure, and for an accepted token its claims and principal.</summary>
internal sealed record Verdict(TokenFailure Failure, string? Summary, List<string>? Claims);
