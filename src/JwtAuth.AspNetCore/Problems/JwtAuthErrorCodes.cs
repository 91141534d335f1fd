namespace JwtAuth.Problems;

/// <summary>The stable <c>code</c> values of JwtAuth's error bodies (SimpleJWT's where it has one).</summary>
public static class JwtAuthErrorCodes
{
    public const string TokenNotValid = "token_not_valid";
    public const string BadAuthorizationHeader = "bad_authorization_header";
    public const string NotAuthenticated = "not_authenticated";
    public const string NoActiveAccount = "no_active_account";
    public const string Invalid = "invalid";
    public const string NotFound = "not_found";
    public const string PermissionDenied = "permission_denied";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string PayloadTooLarge = "payload_too_large";
    public const string ServiceUnavailable = "service_unavailable";
    public const string CsrfFailed = "csrf_failed";
    public const string RevocationsUnavailable = "revocations_unavailable";
    public const string AuthenticationFailed = "authentication_failed";

    /// <summary>The code a bare status answer (404, 405…) carries when nothing more specific is known.</summary>
    public static string ForStatus(int status) => status switch
    {
        400 => Invalid,
        401 => NotAuthenticated,
        404 => NotFound,
        405 => MethodNotAllowed,
        413 => PayloadTooLarge,
        415 => UnsupportedMediaType,
        503 => ServiceUnavailable,
        _ => "error",
    };
}
