using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace JwtAuth.Server.Hosting;

/// <summary>
/// The rate limits' idea of "one client address": an IPv4 address as it is, an IPv6 address by its
/// /64 prefix. One subscriber is routinely given a whole /64 (RFC 6177), so keying on the full
/// 128 bits would hand every attacker 2^64 separate buckets.
/// </summary>
internal static class ClientAddress
{
    /// <summary>The key of requests whose address is unknown (a test server, a Unix socket): they share one bucket.</summary>
    public const string Unknown = "unknown";

    public static string Bucket(IPAddress? address)
    {
        if (address is null)
        {
            return Unknown;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        var prefix = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        return string.Create(CultureInfo.InvariantCulture, $"{prefix >> 48:x}:{(prefix >> 32) & 0xffff:x}:{(prefix >> 16) & 0xffff:x}:{prefix & 0xffff:x}::/64");
    }
}
