using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using JwtAuth.Server.Data;
using Konscious.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace JwtAuth.Server.Django;

/// <summary>
/// Identity's password hasher that also verifies the hashes of users imported from Django
/// (<c>pbkdf2_sha256</c>, <c>pbkdf2_sha1</c>, <c>argon2</c>, <c>bcrypt_sha256</c>, <c>bcrypt</c>):
/// a right password against one of them answers <see cref="PasswordVerificationResult.SuccessRehashNeeded"/>,
/// so the first login stores the password in Identity's format (without touching the security
/// stamp: <see cref="Accounts.ServerUserManager.CheckPasswordAsync"/>). New hashes are always Identity's.
/// </summary>
/// <remarks>
/// Django's other hashers (salted and unsalted <c>md5</c> and <c>sha1</c>, <c>crypt</c>, <c>scrypt</c>,
/// argon2 before version 1.3) are refused: such a user cannot log in until an admin sets a new password.
/// </remarks>
internal sealed class DjangoPasswordHasher(IOptions<PasswordHasherOptions>? options = null) : IPasswordHasher<ServerUser>
{
    private readonly PasswordHasher<ServerUser> identity = new(options);

    public string HashPassword(ServerUser user, string password) => identity.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(ServerUser user, string hashedPassword, string providedPassword)
    {
        ArgumentNullException.ThrowIfNull(hashedPassword);
        ArgumentNullException.ThrowIfNull(providedPassword);

        // Identity's hashes are base64, which has no '$'; every Django hash names its algorithm before one.
        var separator = hashedPassword.IndexOf('$', StringComparison.Ordinal);
        if (separator < 0)
        {
            try
            {
                return identity.VerifyHashedPassword(user, hashedPassword, providedPassword);
            }
            catch (FormatException)
            {
                // Not base64: Django's unsalted_md5 with a '$'-less digest of another length, or a damaged value.
                return PasswordVerificationResult.Failed;
            }
        }

        bool verified;
        try
        {
            verified = hashedPassword[..separator] switch
            {
                "pbkdf2_sha256" => VerifyPbkdf2(hashedPassword, providedPassword, HashAlgorithmName.SHA256),
                "pbkdf2_sha1" => VerifyPbkdf2(hashedPassword, providedPassword, HashAlgorithmName.SHA1),
                "argon2" => VerifyArgon2(hashedPassword, providedPassword),
                // bcrypt_sha256 hashes the password to hex first, since bcrypt reads no more than 72 bytes.
                // bcrypt$$2b$12$…: what follows the first '$' is the bcrypt hash itself.
                "bcrypt_sha256" => BCrypt.Net.BCrypt.Verify(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(providedPassword))), hashedPassword[(separator + 1)..]),
                "bcrypt" => BCrypt.Net.BCrypt.Verify(providedPassword, hashedPassword[(separator + 1)..]),
                _ => false,
            };
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or OverflowException or BCrypt.Net.SaltParseException)
        {
            // A damaged hash verifies nothing; the user sets a new password.
            verified = false;
        }

        return verified ? PasswordVerificationResult.SuccessRehashNeeded : PasswordVerificationResult.Failed;
    }

    /// <summary>The Django hasher of <paramref name="hash"/> when it is one this class cannot verify; null for the others.</summary>
    public static string? UnsupportedAlgorithm(string hash)
    {
        var separator = hash.IndexOf('$', StringComparison.Ordinal);
        if (separator < 0)
        {
            // Django's unsalted_md5 stores the bare hex digest; anything else without a '$' is Identity's.
            return hash.Length == 32 && hash.All(char.IsAsciiHexDigit) ? "unsalted_md5" : null;
        }

        var algorithm = hash[..separator];
        return algorithm is "pbkdf2_sha256" or "pbkdf2_sha1" or "argon2" or "bcrypt_sha256" or "bcrypt" ? null : algorithm;
    }

    /// <summary><c>pbkdf2_sha256$iterations$salt$base64(hash)</c>; the salt is used as its UTF-8 text.</summary>
    private static bool VerifyPbkdf2(string encoded, string password, HashAlgorithmName algorithm)
    {
        var parts = encoded.Split('$');
        if (parts.Length != 4 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations <= 0)
        {
            return false;
        }

        var expected = Convert.FromBase64String(parts[3]);
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), Encoding.UTF8.GetBytes(parts[2]), iterations, algorithm, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary><c>argon2$argon2id$v=19$m=102400,t=2,p=8$salt$hash</c>, salt and hash unpadded base64.</summary>
    private static bool VerifyArgon2(string encoded, string password)
    {
        var parts = encoded.Split('$');
        if (parts.Length != 6 || parts[2] != "v=19")
        {
            return false;
        }

        var parameters = parts[3].Split(',').Select(p => p.Split('=')).Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => int.Parse(p[1], NumberStyles.None, CultureInfo.InvariantCulture));
        if (!parameters.TryGetValue("m", out var memory) || !parameters.TryGetValue("t", out var time) || !parameters.TryGetValue("p", out var lanes))
        {
            return false;
        }

        var bytes = Encoding.UTF8.GetBytes(password);
        using Argon2 argon2 = parts[1] switch
        {
            "argon2id" => new Argon2id(bytes),
            "argon2i" => new Argon2i(bytes),
            "argon2d" => new Argon2d(bytes),
            _ => throw new FormatException("Unknown argon2 variant."),
        };
        argon2.Salt = FromUnpaddedBase64(parts[4]);
        argon2.MemorySize = memory;
        argon2.Iterations = time;
        argon2.DegreeOfParallelism = lanes;
        var expected = FromUnpaddedBase64(parts[5]);
        return CryptographicOperations.FixedTimeEquals(argon2.GetBytes(expected.Length), expected);
    }

    private static byte[] FromUnpaddedBase64(string text) => Convert.FromBase64String(text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '='));
}
