using Microsoft.AspNetCore.Identity;
using JwtAuth.Server.Problems;

namespace JwtAuth.Server.Accounts;

/// <summary>Turns Identity's errors into DRF-style field errors.</summary>
internal static class IdentityErrors
{
    public static Dictionary<string, string[]> ByField(IdentityResult result, string passwordField) =>
        result.Errors
            .GroupBy(error => FieldOf(error.Code, passwordField))
            .ToDictionary(group => group.Key, group => group.Select(error => Describe(error)).ToArray());

    private static string FieldOf(string code, string passwordField) => code switch
    {
        "PasswordMismatch" => "old_password",
        _ when code.StartsWith("Password", StringComparison.Ordinal) => passwordField,
        _ when code.Contains("UserName", StringComparison.Ordinal) => "username",
        _ when code.Contains("Email", StringComparison.Ordinal) => "email",
        _ => "non_field_errors",
    };

    private static string Describe(IdentityError error) => error.Code switch
    {
        "DuplicateUserName" => ServerMessages.Translations.Translate(ServerMessages.DuplicateUserName),
        "PasswordMismatch" => ServerMessages.Translations.Translate(ServerMessages.WrongPassword),
        UserFieldLimits.UserNameTooLongCode or UserFieldLimits.EmailTooLongCode => UserFieldLimits.TooLong(),
        _ => error.Description,
    };
}
