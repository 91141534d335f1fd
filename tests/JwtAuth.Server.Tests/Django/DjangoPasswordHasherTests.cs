using System.Text.Json;
using JwtAuth.Server.Data;
using JwtAuth.Server.Django;
using Microsoft.AspNetCore.Identity;

namespace JwtAuth.Server.Tests.Django;

/// <summary><see cref="DjangoPasswordHasher"/> against hashes the real Django made (read from its dumpdata).</summary>
public sealed class DjangoPasswordHasherTests(DjangoSqliteFixture django) : IClassFixture<DjangoSqliteFixture>
{
    private readonly DjangoPasswordHasher _hasher = new();

    [SkippableTheory]
    [InlineData("pbkdf2_sha256")]
    [InlineData("pbkdf2_sha1")]
    [InlineData("argon2")]
    [InlineData("bcrypt_sha256")]
    [InlineData("bcrypt")]
    public void DjangoHash_RightPasswordNeedsARehash_WrongOneFails(string hasher)
    {
        var (account, hash) = HashOf(hasher);
        hash.ShouldStartWith(hasher + "$");

        _hasher.VerifyHashedPassword(new ServerUser(), hash, account.Password).ShouldBe(PasswordVerificationResult.SuccessRehashNeeded);
        _hasher.VerifyHashedPassword(new ServerUser(), hash, account.Password + "x").ShouldBe(PasswordVerificationResult.Failed);
        DjangoPasswordHasher.UnsupportedAlgorithm(hash).ShouldBeNull();
    }

    [SkippableFact]
    public void DjangoMd5Hash_IsNotSupported_EvenWithTheRightPassword()
    {
        var (account, hash) = HashOf("md5");

        _hasher.VerifyHashedPassword(new ServerUser(), hash, account.Password).ShouldBe(PasswordVerificationResult.Failed);
        DjangoPasswordHasher.UnsupportedAlgorithm(hash).ShouldBe("md5");
    }

    [Fact]
    public void IdentityHashes_AreIdentitys_AndNewHashesAreIdentityFormat()
    {
        var hash = _hasher.HashPassword(new ServerUser(), "password-1234");

        hash.ShouldNotContain("$");
        _hasher.VerifyHashedPassword(new ServerUser(), hash, "password-1234").ShouldBe(PasswordVerificationResult.Success);
        _hasher.VerifyHashedPassword(new ServerUser(), hash, "password-12345").ShouldBe(PasswordVerificationResult.Failed);
        DjangoPasswordHasher.UnsupportedAlgorithm(hash).ShouldBeNull();
    }

    [Theory]
    [InlineData("pbkdf2_sha256$abc$salt$AAAA")]
    [InlineData("pbkdf2_sha256$1000$salt$not base64!")]
    [InlineData("pbkdf2_sha256$1000")]
    [InlineData("argon2$argon2id$v=19$m=8,t=1$c2FsdHNhbHQ$AAAA")]
    [InlineData("argon2$argon2i$m=512,t=2,p=2$c2FsdHNhbHQ$AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("argon2$argon2x$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$AAAA")]
    [InlineData("bcrypt$$2b$12$short")]
    [InlineData("bcrypt_sha256$garbage")]
    [InlineData("crypt$$abcdefghijk")]
    [InlineData("!unusable-password-marker")]
    [InlineData("5f4dcc3b5aa765d61d8327deb882cf99")]
    public void DamagedOrUnsupportedHash_FailsWithoutThrowing(string hash) =>
        _hasher.VerifyHashedPassword(new ServerUser(), hash, "password").ShouldBe(PasswordVerificationResult.Failed);

    private (DjangoAccount Account, string Hash) HashOf(string hasher)
    {
        var project = django.Project;
        var account = project.Users.First(user => user.Hasher == hasher);
        using var dump = JsonDocument.Parse(File.ReadAllText(project.DumpDataPath!));
        var hash = dump.RootElement.EnumerateArray()
            .First(item => item.GetProperty("model").GetString() == "auth.user" && item.GetProperty("fields").GetProperty("username").GetString() == account.UserName)
            .GetProperty("fields").GetProperty("password").GetString()!;
        return (account, hash);
    }
}
