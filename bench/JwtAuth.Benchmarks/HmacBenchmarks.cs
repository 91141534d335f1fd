using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;

namespace JwtAuth.Benchmarks;

/// <summary>
/// Why <c>HmacTokenReader</c> keeps a keyed HMAC per thread: the one-shot
/// <see cref="HMACSHA256.HashData(ReadOnlySpan{byte}, ReadOnlySpan{byte}, Span{byte})"/> sets the key
/// up on every call. Input: the signing input of a typical access token (~280 bytes).
/// </summary>
[MemoryDiagnoser]
public class HmacBenchmarks
{
    private readonly byte[] _key = Encoding.UTF8.GetBytes("benchmark-signing-key-0123456789abcdef0123456789abcdef");
    private readonly byte[] _input = new byte[280];
    private readonly byte[] _hash = new byte[32];
    private IncrementalHash _keyed = null!;

    [GlobalSetup]
    public void Setup()
    {
        Random.Shared.NextBytes(_input);
        _keyed = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key);
    }

    [GlobalCleanup]
    public void Cleanup() => _keyed.Dispose();

    [Benchmark(Baseline = true)]
    public int OneShotHashData() => HMACSHA256.HashData(_key, _input, _hash);

    [Benchmark]
    public int ReusedKeyedHmac()
    {
        _keyed.AppendData(_input);
        return _keyed.GetHashAndReset(_hash);
    }
}
