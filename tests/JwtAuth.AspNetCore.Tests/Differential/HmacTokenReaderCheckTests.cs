using JwtAuth.Tokens;

namespace JwtAuth.Tests.Tokens;

/// <summary>
/// The token endpoints (refresh, verify, blacklist, logout) validate HMAC tokens with
/// <see cref="HmacTokenReader.Check"/>: it must give the reference validator's verdict and contents.
/// </summary>
public sealed class HmacTokenReaderCheckTests
{
    [Theory]
    [InlineData(TokenType.Access)]
    [InlineData(TokenType.Refresh)]
    [InlineData(TokenType.Sliding)]
    public async Task AnAcceptedToken_HasTheReferenceContents(TokenType type)
    {
        var pair = ValidatorPair.Create();
        var token = pair.Issue(type, userId: "1234", sessionId: Guid.NewGuid());

        var checkedToken = pair.Checked(token);

        checkedToken.ShouldBe(await pair.ReferenceCheckedAsync(token));
        checkedToken.ShouldStartWith($"{TokenFailure.None} {type}|");
    }

    [Fact]
    public async Task ARefusedToken_HasTheReferenceFailure()
    {
        var pair = ValidatorPair.Create();
        var token = pair.Issue(TokenType.Refresh);
        var tampered = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];

        pair.Checked(tampered).ShouldBe(await pair.ReferenceCheckedAsync(tampered));
        pair.Checked(tampered).ShouldNotStartWith($"{TokenFailure.None}");
        pair.Checked("not.a.token").ShouldBe(await pair.ReferenceCheckedAsync("not.a.token"));
        pair.Checked(new string('a', pair.Options.MaxTokenLength + 1)).ShouldBe(await pair.ReferenceCheckedAsync(new string('a', pair.Options.MaxTokenLength + 1)));
    }
}
