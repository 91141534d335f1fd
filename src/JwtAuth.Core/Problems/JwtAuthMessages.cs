using System.Resources;

namespace JwtAuth.Problems;

/// <summary>
/// Every text JwtAuth sends to clients, in one table. The English texts are SimpleJWT 5.2's, so
/// clients that compare <c>detail</c> strings keep working; the other languages are the
/// <c>JwtAuthMessages.{culture}.resx</c> files beside this one (<see cref="Translations"/>).
/// </summary>
public static class JwtAuthMessages
{
    /// <summary>These texts in the current UI culture (docs/languages.md).</summary>
    public static MessageTranslations Translations { get; } = new(typeof(JwtAuthMessages), new ResourceManager(typeof(JwtAuthMessages)));

    public const string TokenInvalidOrExpired = "Token is invalid or expired";
    public const string TokenInvalid = "Token is invalid";
    public const string TokenExpired = "Token is expired";
    public const string TokenBlacklisted = "Token is blacklisted";
    public const string TokenNoId = "Token has no id";
    public const string TokenNoType = "Token has no type";
    public const string TokenWrongType = "Token has wrong type";
    public const string TokenNoExp = "Token has no 'exp' claim";
    public const string TokenRefreshExpExpired = "Token 'refresh_exp' claim has expired";
    public const string NotValidForAnyType = "Given token not valid for any token type";
    public const string NoUserIdentification = "Token contained no recognizable user identification";
    public const string NoActiveAccount = "No active account found with the given credentials";
    public const string NoActiveAccountForToken = "No active account found for the given token.";
    public const string BadAuthorizationHeader = "Authorization header must contain two space-delimited values";
    public const string NotAuthenticated = "Authentication credentials were not provided.";
    public const string FieldRequired = "This field is required.";
    public const string FieldBlank = "This field may not be blank.";
    public const string FieldNotString = "Not a valid string.";
    public const string FieldNull = "This field may not be null.";
    public const string InvalidJson = "JSON parse error - the request body is not valid JSON.";
    public const string BodyNotObject = "The request body must be a JSON object.";
    public const string UnsupportedMediaType = "Unsupported media type in request; send application/json, application/x-www-form-urlencoded or multipart/form-data.";
    public const string PayloadTooLarge = "Request body is larger than 64 KiB.";
    public const string BodyMalformed = "The request body could not be read: its HTTP framing is malformed or it ended early.";
    public const string BodyTimedOut = "The request body did not arrive in time.";
    public const string BodyUnreadable = "The request body could not be read.";
    public const string FormInvalid = "Form parse error - the request body is not a valid form.";
    public const string ValidationFailed = "One or more validation errors occurred.";
    public const string RefreshNotOfThisSession = "The refresh token does not belong to the session of this access token.";
    public const string TokenHasNoSession = "This token has no session; send the session's refresh token.";
    public const string SessionNotFound = "Session not found.";
    public const string PermissionDenied = "You do not have permission to perform this action.";
    public const string DatabaseUnavailable = "The token database is unavailable; try again shortly.";
    public const string RevocationsUnavailable = "Token revocations cannot be checked at the moment; try again shortly.";
    public const string ServiceCredentialsRequired = "Service credentials are required (HTTP Basic).";
    public const string ServiceCredentialsInvalid = "The service credentials are not valid.";
    public const string TokenParameterRequired = "The 'token' parameter is required.";
    public const string DateTimeWrongFormat = "Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].";
    public const string SessionIdInvalid = "Not a valid session id.";
    public const string ServiceFormMediaType = "Unsupported media type in request; send application/x-www-form-urlencoded.";
    public const string ServiceFormInvalid = "The form body is malformed or larger than a token request.";
    public const string RevocationFeedQueryInvalid = "after must be a whole number from 0, limit from 1 to {0}, wait from 0 to {1} (seconds).";
    public const string CsrfHeaderMissing = "CSRF check failed: a request authenticated by a cookie must send the {0} header.";
    public const string CsrfUntrustedOrigin = "CSRF check failed: the request comes from an origin this server does not trust.";
}
