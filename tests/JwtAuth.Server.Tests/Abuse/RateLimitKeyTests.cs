using System.Net;
using System.Text;
using JwtAuth.Server.Hosting;

namespace JwtAuth.Server.Tests.Abuse;

/// <summary>How requests are grouped into buckets: client addresses, and the session of a refresh token read without verifying it.</summary>
public sealed class RateLimitKeyTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:ab:cdef:ffff:ffff:ffff:ffff", "2001:db8:ab:cdef::/64")]
    [InlineData("::1", "0:0:0:0::/64")]
    public void ClientAddress_IPv4AsIs_IPv6ByItsSlash64(string address, string bucket) =>
        ClientAddress.Bucket(IPAddress.Parse(address)).ShouldBe(bucket);

    [Fact]
    public void ClientAddress_Unknown_IsOneBucket() => ClientAddress.Bucket(null).ShouldBe("unknown");

    [Fact]
    public void SessionId_IsReadFromThePayload_WithoutTheSignature()
    {
        UnverifiedSessionId.Read(Token("{\"token_type\":\"refresh\",\"sid\":\"abc123\",\"exp\":1}")).ShouldBe("abc123");
        UnverifiedSessionId.Read(Token("{\"nested\":{\"sid\":\"no\"},\"sid\":\"yes\"}")).ShouldBe("yes");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("a.b")]
    [InlineData("a.b.c.d")]
    [InlineData("e30.!!!.sig")]
    public void SessionId_OfAMalformedToken_IsNone(string? token) => UnverifiedSessionId.Read(token).ShouldBeNull();

    [Theory]
    [InlineData("{}")]
    [InlineData("[1,2]")]
    [InlineData("{\"sid\":42}")]
    [InlineData("{\"nested\":{\"sid\":\"no\"}}")]
    [InlineData("{\"sid\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}")]
    [InlineData("{\"sid\":")]
    public void SessionId_AbsentOrImplausible_IsNone(string payload) => UnverifiedSessionId.Read(Token(payload)).ShouldBeNull();

    [Fact]
    public void SessionId_OfAnOverLongToken_IsNone() =>
        UnverifiedSessionId.Read(Token("{\"sid\":\"abc\",\"pad\":\"" + new string('x', 9000) + "\"}")).ShouldBeNull();

    private static string Token(string payload) =>
        "eyJhbGciOiJIUzI1NiJ9." + Convert.ToBase64String(Encoding.UTF8.GetBytes(payload)).TrimEnd('=').Replace('+', '-').Replace('/', '_') + ".c2ln";
}
