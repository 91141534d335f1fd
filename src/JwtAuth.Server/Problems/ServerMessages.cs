using System.Resources;

namespace JwtAuth.Server.Problems;

/// <summary>
/// The server's client texts beside the library's <see cref="JwtAuth.Problems.JwtAuthMessages"/>; the other
/// languages are the <c>ServerMessages.{culture}.resx</c> files beside this one. English texts that
/// come from DRF or ASP.NET Core Identity are theirs word for word.
/// </summary>
internal static class ServerMessages
{
    public static JwtAuth.Problems.MessageTranslations Translations { get; } = new(typeof(ServerMessages), new ResourceManager(typeof(ServerMessages)));

    public const string UserNotFound = "User not found";
    public const string UserInactive = "User is inactive";
    public const string Throttled = "Request was throttled.";
    public const string Busy = "The server is busy. Try again shortly.";
    public const string NotFound = "Not found.";
    public const string MethodNotAllowed = "Method \"{0}\" not allowed.";
    public const string InvalidPage = "Invalid page.";
    public const string AdminUserNotFound = "User not found.";
    public const string AdminCannotDeleteSelf = "An administrator cannot delete their own account here.";
    public const string InvalidEmail = "Enter a valid email address.";
    public const string FieldTooLong = "Ensure this field has no more than {0} characters.";
    public const string DuplicateUserName = "A user with that username already exists.";
    public const string WrongPassword = "Wrong password.";

    public const string IdentityDefaultError = "An unknown failure has occurred.";
    public const string IdentityConcurrencyFailure = "Optimistic concurrency failure, object has been modified.";
    public const string IdentityInvalidUserName = "Username '{0}' is invalid, can only contain letters or digits.";
    public const string IdentityInvalidEmail = "Email '{0}' is invalid.";
    public const string IdentityDuplicateEmail = "Email '{0}' is already taken.";
    public const string IdentityPasswordTooShort = "Passwords must be at least {0} characters.";
    public const string IdentityPasswordRequiresUniqueChars = "Passwords must use at least {0} different characters.";
    public const string IdentityPasswordRequiresNonAlphanumeric = "Passwords must have at least one non alphanumeric character.";
    public const string IdentityPasswordRequiresDigit = "Passwords must have at least one digit ('0'-'9').";
    public const string IdentityPasswordRequiresLower = "Passwords must have at least one lowercase ('a'-'z').";
    public const string IdentityPasswordRequiresUpper = "Passwords must have at least one uppercase ('A'-'Z').";

    public const string TelegramNotHexHash = "Must be 64 hexadecimal characters.";
    public const string TelegramNotPositiveInteger = "Must be a positive integer.";
    public const string TelegramNotUnixTime = "Must be a Unix time in seconds.";
    public const string TelegramDuplicateField = "This field is given more than once.";
    public const string TelegramNotQueryString = "Must be Telegram.WebApp.initData: key=value pairs joined by '&', percent-encoded UTF-8.";
    public const string TelegramNotUserObject = "Must be a JSON object with the Telegram user's numeric id.";
    public const string TelegramBadSignature = "The Telegram data is not signed by a bot of this server.";
    public const string TelegramExpired = "The Telegram data is too old (auth_date); sign in with Telegram again.";
    public const string TelegramFromTheFuture = "The Telegram data's auth_date is in the future.";
    public const string TelegramReplayed = "This Telegram sign-in data was already used; sign in with Telegram again.";
    public const string TelegramNotLinked = "No account is linked to this Telegram user; sign in another way and link Telegram first.";
    public const string TelegramLinkedToAnotherAccount = "This Telegram user is linked to another account.";
    public const string TelegramAnotherLinked = "Another Telegram user is linked to this account; unlink it first.";
    public const string TelegramNameTaken = "The account for this Telegram user could not be created: its user name is taken.";
    public const string TelegramOnlySignIn = "Telegram is this account's only way to sign in; set a password before unlinking it.";
    public const string TelegramNoLink = "No Telegram user is linked to this account.";
}
