using System.Text;

namespace JwtAuth.Fuzz;

/// <summary>
/// Mutated headers: Authorization variants (schemes, odd whitespace, extra parts, several headers),
/// many headers, very long values, bytes HttpClient will not send (over raw sockets), and logins
/// with odd User-Agent and X-Forwarded-For values (they end up in the session list).
/// </summary>
internal sealed class HeaderCases(Random random, Genuine genuine, TokenCases tokens, string host)
{
    private static readonly string[] Schemes = ["Bearer", "bearer", "BEARER", "BeArEr"];
    private static readonly string[] Separators = [" ", "  ", "\t", " \t "];
    private static readonly string[] Trails = [" extra", ",", ";", " ,x", " " + "Bearer"];
    private static readonly string[] Protected = ["/api/me/", "/api/sessions/"];

    public List<FuzzCase> Build(int mutatedTokenHeaders)
    {
        var cases = new List<FuzzCase>();
        var access = genuine.Access1;

        // The genuine token with scheme and whitespace variants: may be accepted, must not fail.
        foreach (var path in Protected)
        {
            foreach (var scheme in Schemes)
            {
                foreach (var separator in Separators)
                {
                    var value = scheme + separator + access;
                    cases.Add(Get("header/scheme", path, $"Authorization {Printable.Text(scheme + separator, 20)}<genuine access>", Expect.NoServerError, value));
                    foreach (var trail in Trails)
                    {
                        // Anything after the token makes three parts or a token that was not issued: refused.
                        cases.Add(Get("header/scheme", path, $"Authorization {Printable.Text(scheme + separator, 20)}<genuine access>{trail}", Expect.Refused, value + trail));
                    }
                }
            }

            foreach (var (label, value) in new[]
                     {
                         ("Bearer=<genuine access>", "Bearer=" + access),
                         ("Bearer:<genuine access>", "Bearer:" + access),
                         ("\"Bearer\" <genuine access>", "\"Bearer\" " + access),
                         ("Bearer \"<genuine access>\"", "Bearer \"" + access + "\""),
                         ("Bearer <genuine access> <genuine access>", "Bearer " + access + " " + access),
                         ("Token <genuine access>", "Token " + access),
                         ("JWT <genuine access>", "JWT " + access),
                         ("Basic <genuine access>", "Basic " + access),
                         ("Bearer<genuine access> (no space)", "Bearer" + access),
                         ("<genuine access> (no scheme)", access),
                         ("Bearer Bearer <genuine access>", "Bearer Bearer " + access),
                         ("Bearer <genuine access>, Bearer <genuine access>", "Bearer " + access + ", Bearer " + access),
                     })
            {
                cases.Add(Get("header/scheme", path, "Authorization " + label, Expect.Refused, value));
            }
        }

        // No usable token at all.
        var junk = new[]
        {
            ("empty", ""), ("a space", " "), ("Bearer", "Bearer"), ("Bearer and a space", "Bearer "), ("Bearer and two spaces", "Bearer  "),
            ("Basic credentials", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(genuine.User1 + ":wrong"))),
            ("Digest", "Digest username=\"x\", realm=\"api\""), ("Bearer null", "Bearer null"), ("Bearer undefined", "Bearer undefined"),
            ("Bearer [object Object]", "Bearer [object Object]"), ("Bearer of 8 KB", "Bearer " + new string('A', 8 * 1024)),
            ("Bearer of 31 KB", "Bearer " + new string('A', 31 * 1024)), ("Bearer of 40 KB", "Bearer " + new string('A', 40 * 1024)),
            ("Bearer of 200 KB", "Bearer " + new string('A', 200 * 1024)), ("1,000 commas", "Bearer " + new string(',', 1000)),
            ("Bearer %00", "Bearer %00"), ("Bearer ..", "Bearer .."),
        };
        foreach (var path in Protected)
        {
            foreach (var (label, value) in junk)
            {
                cases.Add(Get("header/junk", path, "Authorization " + label, Expect.Refused, value));
            }
        }

        foreach (var (label, value) in junk)
        {
            cases.Add(Post("header/junk", "/api/logout/", "Authorization " + label, Expect.Refused, [new("Authorization", value)]));
        }

        // Mutated tokens under every header variant, on the three protected endpoints.
        string[] targets = ["/api/me/", "/api/sessions/", "/api/logout/"];
        for (var i = 0; i < mutatedTokenHeaders; i++)
        {
            // Every draw is made before a case is dropped, so later cases do not depend on the tokens' text.
            var (_, mutation, token) = tokens.RandomMutation(access);
            var value = Schemes[random.Next(Schemes.Length)] + Separators[random.Next(Separators.Length)] + token;
            var path = targets[random.Next(targets.Length)];
            if (genuine.IsGenuine(token) || !token.All(c => c is > ' ' and <= '~'))
            {
                continue;
            }

            var label = $"Authorization {Printable.Text(value[..value.IndexOf(token, StringComparison.Ordinal)], 20)}<access, {mutation}>";
            cases.Add(path == "/api/logout/"
                ? Post("header/mutated-token", path, label, Expect.Refused, [new("Authorization", value)])
                : Get("header/mutated-token", path, label, Expect.Refused, value));
        }

        // Many headers and very long values, with the genuine token.
        foreach (var count in new[] { 50, 99, 100, 101, 300, 1000 })
        {
            var headers = Enumerable.Range(0, count).Select(i => new KeyValuePair<string, string>($"X-Fuzz-{i}", "v" + i)).Prepend(new("Authorization", "Bearer " + access)).ToList();
            cases.Add(new FuzzCase
            {
                Category = "header", Kind = "header/many", Label = $"GET /api/me/ with {count} extra headers",
                Http = new HttpSpec("GET", "/api/me/", headers),
            });
        }

        foreach (var (name, size) in new[] { ("User-Agent", 8 * 1024), ("User-Agent", 30 * 1024), ("User-Agent", 40 * 1024), ("Cookie", 16 * 1024), ("Accept", 8 * 1024), ("X-Forwarded-For", 8 * 1024), ("Referer", 20 * 1024) })
        {
            cases.Add(new FuzzCase
            {
                Category = "header", Kind = "header/long", Label = $"GET /api/me/ with a {size / 1024} KB {name}",
                Http = new HttpSpec("GET", "/api/me/", [new("Authorization", "Bearer " + access), new(name, Filler(size))]),
            });
        }

        foreach (var (name, value) in new[]
                 {
                     ("X-Forwarded-For", "garbage"), ("X-Forwarded-For", "1.2.3.4, ::1, [::1]:80, unknown, \"quoted\""), ("Accept", "application/json;q=abc"),
                     ("Accept-Encoding", "gzip;q=x, *;q=-1"), ("Content-Type", "application/json"), ("Content-Length", "0"), ("Connection", "upgrade, keep-alive"),
                     ("Upgrade", "websocket"), ("Expect", "x-garbage"), ("Range", "bytes=-1,0-"), ("If-None-Match", "*"), ("Origin", "null"),
                     ("X-HTTP-Method-Override", "DELETE"), ("X-Original-URL", "/api/admin/users/"), ("Forwarded", "for=\"[::1\";proto=gopher"),
                 })
        {
            cases.Add(new FuzzCase
            {
                Category = "header", Kind = "header/odd", Label = $"GET /api/me/ with {name}: {value}",
                Http = new HttpSpec("GET", "/api/me/", [new("Authorization", "Bearer " + access), new(name, value)]),
            });
        }

        cases.AddRange(Raw(access));
        cases.AddRange(Logins());
        return cases;
    }

    /// <summary>Header bytes HttpClient will not send, and header layouts it would normalise.</summary>
    private List<FuzzCase> Raw(string access)
    {
        var junkToken = BodyCases.Junk(access);
        var cases = new List<FuzzCase>();
        void Add(string label, Expect expect, byte[] request, string kind = "header/raw") =>
            cases.Add(new FuzzCase
            {
                Category = "header", Kind = kind, Label = label, Expect = expect,
                Raw = new RawScript([new RawStep(request)], 1, 1, TimeSpan.FromSeconds(10), label),
            });
        byte[] Me(params string[] lines) => RawRequest.Build(host, "GET", "/api/me/", lines);
        byte[] MeBytes(byte[] authorizationValue) => RawRequest.Concat(
            RawRequest.Ascii($"GET /api/me/ HTTP/1.1\r\nHost: {host}\r\nAuthorization: "), authorizationValue, RawRequest.Ascii("\r\n\r\n"));

        Add("GET /api/me/ Authorization:Bearer <genuine> (no space after the colon)", Expect.NoServerError, Me("Authorization:Bearer " + access));
        Add("GET /api/me/ Authorization with spaces around the value", Expect.NoServerError, Me("Authorization:    Bearer " + access + "    "));
        Add("GET /api/me/ Authorization with a tab after the colon", Expect.NoServerError, Me("Authorization:\tBearer " + access));
        foreach (var (name, separator) in new[] { ("vertical tab", "\v"), ("form feed", "\f"), ("NUL", "\0"), ("DEL", "\x7f"), ("bare CR", "\r"), ("0x85", "\x85"), ("0xA0", "\xa0") })
        {
            Add($"GET /api/me/ Bearer<{name}><genuine>", Expect.NoServerError, MeBytes(RawRequest.Concat(RawRequest.Ascii("Bearer"), RawRequest.Ascii(separator), RawRequest.Ascii(access))));
            Add($"GET /api/me/ Bearer <junk><{name}>", Expect.Refused, MeBytes(RawRequest.Concat(RawRequest.Ascii("Bearer " + junkToken), RawRequest.Ascii(separator))));
        }

        Add("GET /api/me/ Bearer<UTF-8 NBSP><genuine>", Expect.NoServerError, MeBytes(RawRequest.Concat(RawRequest.Ascii("Bearer"), [0xC2, 0xA0], RawRequest.Ascii(access))));
        Add("GET /api/me/ Bearer <genuine><UTF-8 zero-width space>", Expect.Refused, MeBytes(RawRequest.Concat(RawRequest.Ascii("Bearer " + access), [0xE2, 0x80, 0x8B])));
        Add("GET /api/me/ Bearer <genuine><invalid UTF-8 FF FE>", Expect.Refused, MeBytes(RawRequest.Concat(RawRequest.Ascii("Bearer " + access), [0xFF, 0xFE])));
        Add("GET /api/me/ Authorization folded onto a second line (obs-fold)", Expect.NoServerError, Me("Authorization: Bearer", " " + access));
        Add("GET /api/me/ Authorization with a space before the colon", Expect.NoServerError, Me("Authorization : Bearer " + access));
        Add("GET /api/me/ header name with ( )", Expect.NoServerError, Me("Auth(orization): Bearer " + access));
        Add("GET /api/me/ empty header name", Expect.NoServerError, Me(": Bearer " + access));
        Add("GET /api/me/ header line without a colon", Expect.NoServerError, Me("Authorization Bearer " + access));
        Add("GET /api/me/ two Authorization headers (genuine, junk)", Expect.NoServerError, Me("Authorization: Bearer " + access, "Authorization: Bearer " + junkToken));
        Add("GET /api/me/ two Authorization headers (junk, genuine)", Expect.NoServerError, Me("Authorization: Bearer " + junkToken, "Authorization: Bearer " + access));
        Add("GET /api/me/ two Authorization headers (junk, junk)", Expect.Refused, Me("Authorization: Bearer " + junkToken, "Authorization: Bearer x"));
        Add("GET /api/me/ 200 Authorization headers of junk", Expect.Refused, Me(Enumerable.Repeat("Authorization: Bearer " + junkToken, 200).ToArray()));
        Add("GET /api/me/ 10 Authorization headers, all genuine", Expect.NoServerError, Me(Enumerable.Repeat("Authorization: Bearer " + access, 10).ToArray()));
        Add("GET /api/me/ an empty Authorization header", Expect.Refused, Me("Authorization:"));
        Add("GET /api/me/ with LF-only line ends", Expect.NoServerError, RawRequest.Ascii($"GET /api/me/ HTTP/1.1\nHost: {host}\nAuthorization: Bearer {access}\n\n"), "header/raw-lines");
        Add("GET /api/me/ without Host", Expect.NoServerError, RawRequest.Ascii($"GET /api/me/ HTTP/1.1\r\nAuthorization: Bearer {access}\r\n\r\n"), "header/raw-lines");
        Add("GET /api/me/ with two Host headers", Expect.NoServerError, Me("Host: other"), "header/raw-lines");
        Add("GET /api/me/ with Host: a b", Expect.NoServerError, RawRequest.Ascii($"GET /api/me/ HTTP/1.1\r\nHost: a b\r\nAuthorization: Bearer {access}\r\n\r\n"), "header/raw-lines");
        Add("GET /api/me/ with an 8 KB Host", Expect.NoServerError, RawRequest.Ascii($"GET /api/me/ HTTP/1.1\r\nHost: {new string('h', 8192)}\r\nAuthorization: Bearer {access}\r\n\r\n"), "header/raw-lines");
        Add("GET /api/me/ HTTP/1.0 without Host", Expect.NoServerError, RawRequest.Ascii($"GET /api/me/ HTTP/1.0\r\nAuthorization: Bearer {access}\r\n\r\n"), "header/raw-lines");
        Add("GET absolute-form http://host/api/me/", Expect.NoServerError, RawRequest.Build(host, "GET", $"http://{host}/api/me/", ["Authorization: Bearer " + access]), "header/raw-lines");
        Add("GET /api/me/ with a 1 MB header value", Expect.Refused, Me("X-Fuzz: " + new string('x', 1024 * 1024)), "header/raw-lines");
        Add("FOO /api/me/ (unknown method)", Expect.NoServerError, RawRequest.Build(host, "FOO", "/api/me/", ["Authorization: Bearer " + access]), "header/raw-lines");
        Add("get /api/me/ (lower-case method)", Expect.NoServerError, RawRequest.Build(host, "get", "/api/me/", ["Authorization: Bearer " + access]), "header/raw-lines");
        Add("GET /api/token/verify/ (wrong method)", Expect.NoServerError, RawRequest.Build(host, "GET", "/api/token/verify/", []), "header/raw-lines");
        Add("OPTIONS * HTTP/1.1", Expect.NoServerError, RawRequest.Build(host, "OPTIONS", "*", []), "header/raw-lines");
        Add("GET /api/me/%00/", Expect.NoServerError, RawRequest.Build(host, "GET", "/api/me/%00/", ["Authorization: Bearer " + access]), "header/raw-lines");
        Add("GET /api/me/ with a 10 KB query string", Expect.NoServerError, RawRequest.Build(host, "GET", "/api/me/?" + new string('q', 10_000), ["Authorization: Bearer " + access]), "header/raw-lines");
        return cases;
    }

    /// <summary>Logins as the second user with odd User-Agent and X-Forwarded-For values (stored with the session).</summary>
    private List<FuzzCase> Logins()
    {
        var body = JsonText.Utf8(JsonText.Object([("username", JsonText.Quote(genuine.User2)), ("password", JsonText.Quote(genuine.Password2))]));
        var cases = new List<FuzzCase>();
        foreach (var (label, headers) in new (string, KeyValuePair<string, string>[])[]
                 {
                     ("a 4 KB User-Agent", [new("User-Agent", Filler(4096))]),
                     ("a 20 KB User-Agent", [new("User-Agent", Filler(20 * 1024))]),
                     ("an empty User-Agent", [new("User-Agent", "")]),
                     ("a User-Agent of quotes and angle brackets", [new("User-Agent", "\"><script>alert(1)</script>' --")]),
                     ("X-Forwarded-For garbage", [new("X-Forwarded-For", "not-an-ip, 999.1.1.1")]),
                 })
        {
            cases.Add(new FuzzCase
            {
                Category = "header", Kind = "header/login", Label = $"POST /api/token/ as the second user with {label}",
                Http = new HttpSpec("POST", "/api/token/", headers, body, "application/json"),
            });
        }

        foreach (var (label, bytes) in new (string, byte[])[]
                 {
                     ("a UTF-8 User-Agent (é, 😀)", Encoding.UTF8.GetBytes("fuzz é 😀")),
                     ("a User-Agent of invalid UTF-8 (FF FE C0 80)", [0x66, 0xFF, 0xFE, 0xC0, 0x80]),
                     ("a User-Agent with a NUL", [0x66, 0x00, 0x67]),
                 })
        {
            var head = RawRequest.Ascii($"POST /api/token/ HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nUser-Agent: ");
            var request = RawRequest.Concat(head, bytes, RawRequest.Ascii("\r\n\r\n"), body);
            cases.Add(new FuzzCase
            {
                Category = "header", Kind = "header/login", Label = $"POST /api/token/ as the second user with {label}",
                Raw = new RawScript([new RawStep(request)], 1, 1, TimeSpan.FromSeconds(10), label),
            });
        }

        return cases;
    }

    private static FuzzCase Get(string kind, string path, string label, Expect expect, string authorization) => new()
    {
        Category = "header", Kind = kind, Label = $"GET {path} {label}", Expect = expect,
        Http = new HttpSpec("GET", path, [new("Authorization", authorization)]),
    };

    private static FuzzCase Post(string kind, string path, string label, Expect expect, KeyValuePair<string, string>[] headers) => new()
    {
        Category = "header", Kind = kind, Label = $"POST {path} {label}", Expect = expect,
        Http = new HttpSpec("POST", path, headers),
    };

    private string Filler(int size)
    {
        var chars = new char[size];
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789 ;=/";
        for (var i = 0; i < size; i++)
        {
            chars[i] = alphabet[random.Next(alphabet.Length)];
        }

        return new string(chars).Trim().PadRight(size, 'x');
    }
}
