using JwtAuth.Server.Problems;
using Microsoft.AspNetCore.Identity;

namespace JwtAuth.Server.Accounts;

/// <summary>
/// Identity's error texts in the request's language: the errors registration and a password change
/// can answer (<see cref="IdentityErrors"/>). The English texts are Identity's own.
/// </summary>
internal sealed class ServerIdentityErrorDescriber : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => Described(base.DefaultError(), ServerMessages.IdentityDefaultError);

    public override IdentityError ConcurrencyFailure() => Described(base.ConcurrencyFailure(), ServerMessages.IdentityConcurrencyFailure);

    public override IdentityError InvalidUserName(string? userName) =>
        Described(base.InvalidUserName(userName), ServerMessages.IdentityInvalidUserName, userName);

    public override IdentityError InvalidEmail(string? email) => Described(base.InvalidEmail(email), ServerMessages.IdentityInvalidEmail, email);

    public override IdentityError DuplicateEmail(string email) => Described(base.DuplicateEmail(email), ServerMessages.IdentityDuplicateEmail, email);

    public override IdentityError PasswordTooShort(int length) =>
        Described(base.PasswordTooShort(length), ServerMessages.IdentityPasswordTooShort, length);

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        Described(base.PasswordRequiresUniqueChars(uniqueChars), ServerMessages.IdentityPasswordRequiresUniqueChars, uniqueChars);

    public override IdentityError PasswordRequiresNonAlphanumeric() =>
        Described(base.PasswordRequiresNonAlphanumeric(), ServerMessages.IdentityPasswordRequiresNonAlphanumeric);

    public override IdentityError PasswordRequiresDigit() => Described(base.PasswordRequiresDigit(), ServerMessages.IdentityPasswordRequiresDigit);

    public override IdentityError PasswordRequiresLower() => Described(base.PasswordRequiresLower(), ServerMessages.IdentityPasswordRequiresLower);

    public override IdentityError PasswordRequiresUpper() => Described(base.PasswordRequiresUpper(), ServerMessages.IdentityPasswordRequiresUpper);

    // Identity's code stays; only the text is ours.
    private static IdentityError Described(IdentityError error, string englishFormat, params object?[] args) =>
        new() { Code = error.Code, Description = ServerMessages.Translations.Format(englishFormat, args) };
}
