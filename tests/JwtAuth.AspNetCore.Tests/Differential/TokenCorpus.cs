using System.Buffers.Text;
using System.Text;
using JwtAuth.Tokens;

namespace JwtAuth.Tests.Tokens;

/// <summary>
/// Thousands of tokens around the valid ones a configuration issues: every segment mutated, every
/// claim given every JSON type, boundary times, duplicates, foreign algorithms and keys, malformed
/// JSON and base64, wrong segment counts and lengths. One seed gives one corpus.
/// </summary>
internal sealed class TokenCorpus(ValidatorPair pair, int seed)
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private const string ForeignChars = "+/= \t\n.~%*\0é\u2028";
    private const string JsonishChars = "{}[]\":,0123456789.-+eEtruefalsn\\ u/x";

    private readonly Random _random = new(seed);
    private readonly List<(string Name, string Token)> _cases = [];

    private const long Now = ValidatorPair.Now;

    private long Leeway => (long)pair.Options.Leeway.TotalSeconds;

    private string Audience => pair.Options.Audience ?? "api";

    private string Issuer => pair.Options.Issuer ?? "https://issuer.example";

    public List<(string Name, string Token)> Generate()
    {
        var bases = BaseTokens();
        foreach (var b in bases)
        {
            Add("valid " + b.Name, b.Token);
        }

        Structure(bases);
        Signatures(bases);
        Headers(bases);
        Claims(bases);
        Times(bases);
        RawJson(bases);
        Lengths(bases[0]);
        RandomCombinations(bases, 1500);
        RandomBytes(bases, 800);
        return _cases;
    }

    private List<BaseToken> BaseTokens()
    {
        var sessionId = Guid.CreateVersion7();
        var tokens = new List<(string, string)>
        {
            ("access", pair.Issue(TokenType.Access, sessionId: sessionId)),
            ("refresh", pair.Issue(TokenType.Refresh, sessionId: sessionId)),
            ("sliding", pair.Issue(TokenType.Sliding, sessionId: sessionId)),
            ("access email user", pair.Issue(TokenType.Access, userId: "ada@example.com")),
            ("access host claims", pair.Issue(TokenType.Access, extraClaims: new Dictionary<string, object?>
            {
                ["roles"] = new[] { "admin", "ops" },
                ["tenant"] = "t1",
                ["level"] = 3,
                ["flags"] = new Dictionary<string, object?> { ["beta"] = true, ["tags"] = new[] { "x" } },
                ["nothing"] = null,
            })),
        };
        return tokens.Select(t =>
        {
            var parts = t.Item2.Split('.');
            return new BaseToken(t.Item1, t.Item2, TokenForge.Decode(parts[0]), TokenForge.Decode(parts[1]));
        }).ToList();
    }

    private void Add(string name, string token) => _cases.Add((name, token));

    private string Sign(string headerJson, string payloadJson) => TokenForge.SignJson(headerJson, payloadJson, pair.Key, pair.HashBytes);

    private string SignBytes(byte[] header, byte[] payload) =>
        TokenForge.Sign(TokenForge.Encode(header), TokenForge.Encode(payload), pair.Key, pair.HashBytes);

    private void Structure(List<BaseToken> bases)
    {
        foreach (var b in bases.Take(3))
        {
            var parts = b.Token.Split('.');
            for (var segment = 0; segment < 3; segment++)
            {
                for (var n = 0; n < 25; n++)
                {
                    var p = (string[])parts.Clone();
                    var position = _random.Next(p[segment].Length);
                    var replacement = Alphabet[_random.Next(Alphabet.Length)];
                    if (replacement == p[segment][position])
                    {
                        continue;
                    }

                    p[segment] = p[segment][..position] + replacement + p[segment][(position + 1)..];
                    Add($"{b.Name} segment {segment} char {position} -> {replacement}", string.Join('.', p));
                }

                foreach (var foreign in ForeignChars)
                {
                    var p = (string[])parts.Clone();
                    var position = _random.Next(p[segment].Length + 1);
                    p[segment] = p[segment][..position] + foreign + p[segment][position..];
                    Add($"{b.Name} segment {segment} inserted U+{(int)foreign:X4}", string.Join('.', p));
                }

                var truncated = (string[])parts.Clone();
                truncated[segment] = truncated[segment][..^1];
                Add($"{b.Name} segment {segment} last char dropped", string.Join('.', truncated));

                var emptied = (string[])parts.Clone();
                emptied[segment] = "";
                Add($"{b.Name} segment {segment} empty", string.Join('.', emptied));

                if (segment < 2)
                {
                    // Flip one bit of the decoded JSON without re-signing.
                    for (var n = 0; n < 15; n++)
                    {
                        var bytes = Base64Url.DecodeFromChars(parts[segment]);
                        bytes[_random.Next(bytes.Length)] ^= (byte)(1 << _random.Next(8));
                        var p = (string[])parts.Clone();
                        p[segment] = TokenForge.Encode(bytes);
                        Add($"{b.Name} segment {segment} bit flipped", string.Join('.', p));
                    }

                    // Padding and whitespace, re-signed: the signature is right, the encoding is not.
                    foreach (var (label, edit) in new (string, Func<string, string>)[]
                    {
                        ("padded =", s => s + "="),
                        ("padded ==", s => s + "=="),
                        ("space inside", s => s[..2] + " " + s[2..]),
                        ("newline inside", s => s[..2] + "\n" + s[2..]),
                        ("standard alphabet", s => s.Replace('-', '+').Replace('_', '/')),
                    })
                    {
                        var p = (string[])parts.Clone();
                        p[segment] = edit(p[segment]);
                        if (p[segment] != parts[segment])
                        {
                            Add($"{b.Name} segment {segment} {label} re-signed", TokenForge.Sign(p[0], p[1], pair.Key, pair.HashBytes));
                        }
                    }
                }
            }

            var token = b.Token;
            Add($"{b.Name} trailing dot", token + ".");
            Add($"{b.Name} four segments", token + ".e30");
            Add($"{b.Name} five segments", token + ".e30.e30");
            Add($"{b.Name} leading dot", "." + token);
            Add($"{b.Name} two segments", parts[0] + "." + parts[1]);
            Add($"{b.Name} two segments and dot", parts[0] + "." + parts[1] + ".");
            Add($"{b.Name} one segment", parts[1]);
            Add($"{b.Name} with spaces around", " " + token + " ");
            Add($"{b.Name} lower-cased", token.ToLowerInvariant());
        }

        foreach (var s in new[] { "", " ", ".", "..", "...", "a.b.c", "e30.e30.", "e30.e30.e30", "null", "Bearer" })
        {
            Add($"literal '{s}'", s);
        }
    }

    private void Signatures(List<BaseToken> bases)
    {
        foreach (var b in bases.Take(3))
        {
            var dot = b.Token.LastIndexOf('.');
            var input = b.Token[..dot];
            var signature = Base64Url.DecodeFromChars(b.Token.AsSpan(dot + 1));
            Add($"{b.Name} signature empty", input + ".");
            Add($"{b.Name} signature padded", b.Token + "=");
            Add($"{b.Name} signature 16 bytes", input + "." + TokenForge.Encode(signature[..16]));
            Add($"{b.Name} signature one byte short", input + "." + TokenForge.Encode(signature[..^1]));
            Add($"{b.Name} signature one byte long", input + "." + TokenForge.Encode([.. signature, 0]));
            Add($"{b.Name} signature doubled", input + "." + TokenForge.Encode([.. signature, .. signature]));
            var last = Alphabet.IndexOf(b.Token[^1], StringComparison.Ordinal);
            for (var bit = 0; bit < 6; bit++)
            {
                Add($"{b.Name} signature last char bit {bit}", b.Token[..^1] + Alphabet[last ^ (1 << bit)]);
            }

            foreach (var hashBytes in new[] { 32, 48, 64 })
            {
                Add($"{b.Name} signed HS{hashBytes * 8}", input + "." + TokenForge.Encode(TokenForge.Mac(Encoding.ASCII.GetBytes(input), pair.Key, hashBytes)));
                Add($"{b.Name} signed HS{hashBytes * 8} with another key",
                    input + "." + TokenForge.Encode(TokenForge.Mac(Encoding.ASCII.GetBytes(input), Encoding.UTF8.GetBytes("another-key-0123456789abcdef0123456789abcdef0123456789abcdef0123"), hashBytes)));
            }

            Add($"{b.Name} signature of the header alone",
                input + "." + TokenForge.Encode(TokenForge.Mac(Encoding.ASCII.GetBytes(input[..input.IndexOf('.', StringComparison.Ordinal)]), pair.Key, pair.HashBytes)));
            Add($"{b.Name} key as signature", input + "." + TokenForge.Encode(pair.Key));
        }
    }

    private void Headers(List<BaseToken> bases)
    {
        var kid = pair.Keys.KeyId;
        string[] algValues =
        [
            "\"none\"", "\"None\"", "\"HS256\"", "\"HS384\"", "\"HS512\"", "\"RS256\"", "\"ES256\"", "\"PS256\"", "\"hs256\"", "\"HS256 \"",
            "\"\"", "null", "1", "true", "[\"HS256\"]", "{}", $"\"{pair.Keys.Algorithm.Replace("S", "\\u0053", StringComparison.Ordinal)}\"",
        ];
        string[] kidValues =
        [
            "null", "1", "\"\"", "\"other\"", $"\"{kid}\"", $"\"{kid.ToUpperInvariant()}\"", $"\"\\u{(int)kid[0]:x4}{kid[1..]}\"", $"[\"{kid}\"]", $"\"{kid} \"",
            "{}", "true",
        ];
        string[] stringHeaderValues = ["\"JWT\"", "\"at+jwt\"", "null", "1", "true", "{}", "[]", "\"\\ud800\""];

        foreach (var b in bases.Take(3).Append(bases[^1]))
        {
            var header = TokenForge.Members(b.Header);
            foreach (var alg in algValues)
            {
                var h = TokenForge.Object(Set(header, "\"alg\"", alg));
                Add($"{b.Name} alg {alg}", Sign(h, b.Payload));
                foreach (var hashBytes in new[] { 32, 48, 64 })
                {
                    Add($"{b.Name} alg {alg} signed HS{hashBytes * 8}", TokenForge.SignJson(h, b.Payload, pair.Key, hashBytes));
                }

                Add($"{b.Name} alg {alg} unsigned", TokenForge.Encode(h) + "." + TokenForge.Encode(b.Payload) + ".");
            }

            Add($"{b.Name} alg missing", Sign(TokenForge.Object(Remove(header, "\"alg\"")), b.Payload));
            Add($"{b.Name} kid missing", Sign(TokenForge.Object(Remove(header, "\"kid\"")), b.Payload));
            Add($"{b.Name} typ missing", Sign(TokenForge.Object(Remove(header, "\"typ\"")), b.Payload));
            Add($"{b.Name} alg only", Sign($"{{\"alg\":\"{pair.Keys.Algorithm}\"}}", b.Payload));
            foreach (var value in kidValues)
            {
                Add($"{b.Name} kid {value}", Sign(TokenForge.Object(Set(header, "\"kid\"", value)), b.Payload));
            }

            foreach (var name in new[] { "typ", "cty", "zip", "x5t", "enc", "jku", "x5u", "crit", "b64", "custom" })
            {
                foreach (var value in stringHeaderValues)
                {
                    Add($"{b.Name} header {name} {value}", Sign(TokenForge.Object(Set(header, TokenForge.Quote(name), value)), b.Payload));
                }
            }

            foreach (var (name, value) in new[]
            {
                ("jwk", "{\"kty\":\"oct\",\"k\":\"AAAA\"}"), ("x5c", "[\"MIIB\"]"), ("crit", "[\"exp\"]"), ("b64", "false"),
                ("deep", "{\"a\":[1,{\"b\":null,\"c\":[[[\"d\"]]]}]}"), ("huge", "1e400"), ("neg", "-0"),
            })
            {
                Add($"{b.Name} header {name}", Sign(TokenForge.Object(Set(header, TokenForge.Quote(name), value)), b.Payload));
            }

            var ours = $"\"{pair.Keys.Algorithm}\"";
            foreach (var (label, members) in new (string, List<(string, string)>)[]
            {
                ("alg twice, same", [.. header, ("\"alg\"", ours)]),
                ("alg none then ours", [("\"alg\"", "\"none\""), .. header]),
                ("alg ours then none", [.. header, ("\"alg\"", "\"none\"")]),
                ("alg escaped duplicate", [.. header, ("\"\\u0061lg\"", ours)]),
                ("alg escaped only", [.. Remove(header, "\"alg\""), ("\"\\u0061lg\"", ours)]),
                ("kid twice", [.. header, ("\"kid\"", $"\"{kid}\"")]),
                ("kid other then ours", [("\"kid\"", "\"other\""), .. header]),
                ("typ twice", [.. header, ("\"typ\"", "\"JWT\"")]),
            })
            {
                Add($"{b.Name} header {label}", Sign(TokenForge.Object(members), b.Payload));
            }

            var json = b.Header;
            foreach (var (label, bad) in new[]
            {
                ("array", "[]"), ("string", "\"x\""), ("number", "1"), ("null", "null"), ("empty object", "{}"), ("nothing", ""),
                ("whitespace around", " " + json + " \n"), ("trailing text", json + " x"), ("two objects", json + "{}"),
                ("trailing comma", json[..^1] + ",}"), ("single quotes", json.Replace('"', '\'')), ("comment", "/*c*/" + json),
                ("lone surrogate value", json[..^1] + ",\"x\":\"\\udc00\"}"), ("lone surrogate name", json[..^1] + ",\"\\ud800\":1}"),
                ("nested lone surrogate", json[..^1] + ",\"x\":{\"y\":[\"\\ud800\"]}}"),
            })
            {
                Add($"{b.Name} header JSON {label}", Sign(bad, b.Payload));
            }

            Add($"{b.Name} header with BOM", SignBytes([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(json)], Encoding.UTF8.GetBytes(b.Payload)));
            Add($"{b.Name} header invalid UTF-8", SignBytes(Encoding.UTF8.GetBytes(json[..^1] + ",\"x\":\"?\"}").Select(c => c == (byte)'?' ? (byte)0xFF : c).ToArray(), Encoding.UTF8.GetBytes(b.Payload)));
        }
    }

    private string[] Palette()
    {
        var sid = Guid.CreateVersion7().ToString("N");
        return
        [
            "null", "true", "false", "0", "-1", "1", "1.5", "1e3", "1E3", "-0", "0.0", "9223372036854775807", "9223372036854775808",
            "-9223372036854775808", "-9223372036854775809", $"{Now}", $"{Now + 1}", $"{Now - 1}", $"{Now + 100}",
            "\"\"", "\"x\"", "\"1\"", "\"42\"", $"\"{Now + 100}\"", "\"access\"", "\"refresh\"", "\"sliding\"", "\"Access\"", "\"acc\\u0065ss\"", "\" access\"",
            $"\"{sid}\"", $"\"{sid.ToUpperInvariant()}\"", $"\"{Guid.Parse(sid):D}\"", "\"00000000000000000000000000000000\"", $"\"{sid}0\"",
            $"\"\\u00{(int)sid[0]:x2}{sid[1..]}\"",
            "[]", "[\"x\"]", "[null]", "[1]", "[[\"x\"]]", "{}", "{\"a\":1}", "[\"x\",null,{\"y\":[]}]",
            $"\"{Audience}\"", $"[\"{Audience}\"]", $"[null,\"{Audience}\"]", $"[\"x\",\"{Audience}\"]", $"\"{Audience}/\"", $"\"{Audience.ToUpperInvariant()}\"",
            $"\"{Issuer}\"", $"\"{Issuer}/\"", $"[\"{Issuer}\"]", "\"\\ud800\"", "[\"\\ud800\"]", "\"\\ud83d\\ude00\"", "\"\\u0034\\u0032\"",
        ];
    }

    private string[] ClaimNames() =>
        new[]
        {
            "exp", "iat", "nbf", pair.Options.JtiClaim, pair.Options.TokenTypeClaim, pair.Options.UserIdClaim, "sid", "refresh_exp",
            "aud", "iss", "azp", "sub", "jti", "act", "roles", "x",
        }.Distinct(StringComparer.Ordinal).ToArray();

    private void Claims(List<BaseToken> bases)
    {
        var palette = Palette();
        foreach (var b in bases.Where(b => b.Name is "access" or "sliding" or "access host claims"))
        {
            var payload = TokenForge.Members(b.Payload);
            foreach (var claim in ClaimNames())
            {
                var name = TokenForge.Quote(claim);
                Add($"{b.Name} {claim} removed", Sign(b.Header, TokenForge.Object(Remove(payload, name))));
                foreach (var value in palette)
                {
                    Add($"{b.Name} {claim} = {value}", Sign(b.Header, TokenForge.Object(Set(payload, name, value))));
                }

                var existing = payload.FirstOrDefault(m => m.Name == name).Value ?? "\"x\"";
                var escaped = $"\"\\u{(int)claim[0]:x4}{claim[1..]}\"";
                Add($"{b.Name} {claim} twice, same value", Sign(b.Header, TokenForge.Object([.. payload, (name, existing)])));
                Add($"{b.Name} {claim} twice, other value", Sign(b.Header, TokenForge.Object([.. payload, (name, "\"other\"")])));
                Add($"{b.Name} {claim} twice, first other", Sign(b.Header, TokenForge.Object([(name, "1"), .. payload])));
                Add($"{b.Name} {claim} escaped duplicate", Sign(b.Header, TokenForge.Object([.. payload, (escaped, existing)])));
                Add($"{b.Name} {claim} escaped name", Sign(b.Header, TokenForge.Object([.. Remove(payload, name), (escaped, existing)])));
            }
        }
    }

    private void Times(List<BaseToken> bases)
    {
        var leeway = Leeway;
        foreach (var b in bases.Take(3))
        {
            var payload = TokenForge.Members(b.Payload);
            foreach (var exp in new[] { Now - leeway - 1, Now - leeway, Now - leeway + 1, Now - 1, Now, Now + 1 })
            {
                Add($"{b.Name} exp now{exp - Now:+0;-0;+0}", Sign(b.Header, TokenForge.Object(Set(payload, "\"exp\"", exp.ToString(System.Globalization.CultureInfo.InvariantCulture)))));
            }

            foreach (var claim in new[] { "nbf", "iat" })
            {
                foreach (var value in new[] { Now + leeway - 1, Now + leeway, Now + leeway + 1, Now + leeway + 3600, long.MinValue, long.MaxValue })
                {
                    Add($"{b.Name} {claim} {value}", Sign(b.Header, TokenForge.Object(Set(payload, TokenForge.Quote(claim), value.ToString(System.Globalization.CultureInfo.InvariantCulture)))));
                }
            }

            foreach (var value in new[] { $"{Now - 1}", $"{Now}", "\"x\"", "null", "1.5" })
            {
                Add($"{b.Name} refresh_exp {value}", Sign(b.Header, TokenForge.Object(Set(payload, "\"refresh_exp\"", value))));
            }
        }
    }

    private void RawJson(List<BaseToken> bases)
    {
        foreach (var b in bases.Take(3))
        {
            var json = b.Payload;
            var inner = json[1..^1];
            foreach (var (label, bad) in new[]
            {
                ("array", "[" + json + "]"), ("string", "\"x\""), ("number", "1"), ("null", "null"), ("nothing", ""), ("empty object", "{}"),
                ("whitespace around", "\r\n " + json + " \t"), ("trailing text", json + " x"), ("two objects", json + "{}"),
                ("trailing comma", "{" + inner + ",}"), ("single quotes", json.Replace('"', '\'')), ("comment", "{/*c*/" + inner + "}"),
                ("NaN", "{" + inner + ",\"x\":NaN}"), ("leading zero", "{" + inner + ",\"x\":01}"), ("plus sign", "{" + inner + ",\"x\":+1}"),
                ("bare fraction", "{" + inner + ",\"x\":.5}"), ("unterminated", json[..^1]), ("unquoted name", "{" + inner + ",x:1}"),
                ("lone surrogate value", "{" + inner + ",\"x\":\"\\ud800\"}"), ("lone low surrogate", "{" + inner + ",\"x\":\"a\\udc00b\"}"),
                ("lone surrogate name", "{" + inner + ",\"\\ud800\":1}"), ("nested lone surrogate array", "{" + inner + ",\"x\":[\"\\ud800\"]}"),
                ("nested lone surrogate object", "{" + inner + ",\"x\":{\"y\":\"\\ud800\"}}"), ("nested lone surrogate name", "{" + inner + ",\"x\":{\"\\ud800\":1}}"),
                ("surrogate pair", "{" + inner + ",\"x\":\"\\ud83d\\ude00\"}"), ("escaped nul", "{" + inner + ",\"x\":\"\\u0000\"}"),
                ("raw control char", "{" + inner + ",\"x\":\"a\u0001b\"}"), ("bad escape", "{" + inner + ",\"x\":\"\\q\"}"),
                ("nesting 63", "{" + inner + ",\"x\":" + new string('[', 62) + new string(']', 62) + "}"),
                ("nesting 64", "{" + inner + ",\"x\":" + new string('[', 63) + new string(']', 63) + "}"),
                ("nesting 65", "{" + inner + ",\"x\":" + new string('[', 64) + new string(']', 64) + "}"),
                ("many claims", "{" + inner + string.Concat(Enumerable.Range(0, 300).Select(i => $",\"c{i}\":{i}")) + "}"),
                ("many claims, last a duplicate", "{" + inner + string.Concat(Enumerable.Range(0, 300).Select(i => $",\"c{i}\":{i}")) + ",\"c7\":0}"),
                ("unicode names", "{" + inner + ",\"ключ\":\"значение\",\"鍵\":\"値\"}"),
            })
            {
                Add($"{b.Name} payload JSON {label}", Sign(b.Header, bad));
            }

            var utf8 = Encoding.UTF8.GetBytes("{" + inner + ",\"x\":\"@\"}");
            var at = Array.IndexOf(utf8, (byte)'@');
            foreach (var (label, bytes) in new (string, byte[])[]
            {
                ("0xFF", [0xFF]), ("truncated sequence", [0xC3]), ("overlong", [0xC0, 0xAF]), ("surrogate encoded", [0xED, 0xA0, 0x80]),
                ("valid two-byte", [0xC3, 0xA9]),
            })
            {
                Add($"{b.Name} payload UTF-8 {label}", SignBytes(Encoding.UTF8.GetBytes(b.Header), [.. utf8[..at], .. bytes, .. utf8[(at + 1)..]]));
            }

            Add($"{b.Name} payload with BOM", SignBytes(Encoding.UTF8.GetBytes(b.Header), [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(json)]));
        }
    }

    private void Lengths(BaseToken b)
    {
        var max = pair.Options.MaxTokenLength;
        var payload = TokenForge.Members(b.Payload);
        var wanted = new HashSet<int> { max - 2, max - 1, max, max + 1, max + 2 };
        for (var pad = 0; wanted.Count > 0 && pad < max; pad++)
        {
            var token = Sign(b.Header, TokenForge.Object([.. payload, ("\"pad\"", TokenForge.Quote(new string('p', pad)))]));
            if (wanted.Remove(token.Length))
            {
                Add($"{b.Name} token length {token.Length} (max {max})", token);
            }
        }

        Add($"{b.Name} payload three times the maximum", Sign(b.Header, TokenForge.Object([.. payload, ("\"pad\"", TokenForge.Quote(new string('p', max * 3)))])));
        Add($"{b.Name} header near the maximum", Sign(b.Header[..^1] + ",\"pad\":\"" + new string('h', (max / 2) + 100) + "\"}", b.Payload));
        Add($"{b.Name} signature near the maximum", b.Token + new string('A', max - b.Token.Length));
        Add($"{b.Name} signature past the maximum", b.Token + new string('A', max - b.Token.Length + 1));
    }

    private void RandomCombinations(List<BaseToken> bases, int count)
    {
        var palette = Palette();
        var names = ClaimNames();
        string[] headerValues = ["\"none\"", "\"HS384\"", "null", "1", $"\"{pair.Keys.Algorithm}\"", $"\"{pair.Keys.KeyId}\"", "\"other\""];
        for (var i = 0; i < count; i++)
        {
            var b = bases[_random.Next(bases.Count)];
            var payload = TokenForge.Members(b.Payload);
            var header = TokenForge.Members(b.Header);
            var steps = new List<string>();
            for (var n = _random.Next(1, 5); n > 0; n--)
            {
                var name = TokenForge.Quote(names[_random.Next(names.Length)]);
                switch (_random.Next(10))
                {
                    case < 6:
                        var value = palette[_random.Next(palette.Length)];
                        payload = Set(payload, name, value);
                        steps.Add($"{name}={value}");
                        break;
                    case < 8:
                        payload = Remove(payload, name);
                        steps.Add($"-{name}");
                        break;
                    case 8:
                        payload = [.. payload, (name, palette[_random.Next(palette.Length)])];
                        steps.Add($"+{name}");
                        break;
                    default:
                        var headerName = _random.Next(2) == 0 ? "\"alg\"" : "\"kid\"";
                        var headerValue = headerValues[_random.Next(headerValues.Length)];
                        header = Set(header, headerName, headerValue);
                        steps.Add($"header {headerName}={headerValue}");
                        break;
                }
            }

            var resign = _random.Next(20) != 0;
            var token = resign
                ? Sign(TokenForge.Object(header), TokenForge.Object(payload))
                : TokenForge.Encode(TokenForge.Object(header)) + "." + TokenForge.Encode(TokenForge.Object(payload)) + "." + b.Token.Split('.')[2];
            Add($"random {i} {b.Name} {string.Join(' ', steps)}{(resign ? "" : " (old signature)")}", token);
        }
    }

    private void RandomBytes(List<BaseToken> bases, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var b = bases[_random.Next(bases.Count)];
            var onHeader = _random.Next(4) == 0;
            var bytes = Encoding.UTF8.GetBytes(onHeader ? b.Header : b.Payload);
            for (var n = _random.Next(1, 4); n > 0; n--)
            {
                var position = _random.Next(bytes.Length);
                bytes[position] = _random.Next(8) == 0 ? (byte)_random.Next(256) : (byte)JsonishChars[_random.Next(JsonishChars.Length)];
            }

            var header = onHeader ? bytes : Encoding.UTF8.GetBytes(b.Header);
            var payload = onHeader ? Encoding.UTF8.GetBytes(b.Payload) : bytes;
            Add($"random bytes {i} {b.Name} {(onHeader ? "header" : "payload")} {Encoding.UTF8.GetString(bytes)}", SignBytes(header, payload));
        }
    }

    private static List<(string Name, string Value)> Set(List<(string Name, string Value)> members, string name, string value)
    {
        var index = members.FindIndex(m => m.Name == name);
        var copy = new List<(string Name, string Value)>(members);
        if (index < 0)
        {
            copy.Add((name, value));
        }
        else
        {
            copy[index] = (name, value);
        }

        return copy;
    }

    private static List<(string Name, string Value)> Remove(List<(string Name, string Value)> members, string name) =>
        members.Where(m => m.Name != name).ToList();

    private sealed record BaseToken(string Name, string Token, string Header, string Payload);
}
