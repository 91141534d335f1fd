using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace JwtAuth.Fuzz;

/// <summary>
/// Mutated tokens on every place a token goes: the bearer header of GET /api/me/, GET
/// /api/sessions/ and POST /api/logout/, and the token fields of verify, refresh, blacklist and
/// sliding refresh. None of them is a genuine, unmodified token in its right place, so every one
/// must be refused: a 2xx is an accepted forgery.
/// </summary>
internal sealed class TokenCases
{
    // Written into the JSON text after serialisation, which would not write a lone surrogate.
    private const string LoneSurrogate = "LONE-SURROGATE";

    private const string Base64UrlAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private readonly Random _random;
    private readonly Genuine _genuine;
    private readonly RSA _rsa;
    private readonly ECDsa _ecdsa;
    private readonly byte[] _attackerKey;
    private readonly long _now;

    public TokenCases(Random random, Genuine genuine, long now)
    {
        _random = random;
        _genuine = genuine;
        _now = now;
        _attackerKey = new byte[32];
        random.NextBytes(_attackerKey);
        // Key generation cannot be seeded; the signatures differ between runs, the cases do not.
        _rsa = RSA.Create(2048);
        _ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    }

    /// <summary>Where a token goes, and how a token is put there.</summary>
    private sealed record Target(string Name, bool Bearer, Func<string, HttpSpec> Spec, string Base, bool RefreshRole)
    {
        public bool SideEffects => Name.StartsWith("POST /api/logout/", StringComparison.Ordinal)
            || Name.StartsWith("POST /api/token/refresh/", StringComparison.Ordinal)
            || Name.StartsWith("POST /api/token/blacklist/", StringComparison.Ordinal);
    }

    public List<FuzzCase> Build(int randomPerTarget)
    {
        var targets = new Target[]
        {
            new("GET /api/me/ bearer", true, t => new HttpSpec("GET", "/api/me/", [new("Authorization", "Bearer " + t)]), _genuine.Access1, false),
            new("GET /api/sessions/ bearer", true, t => new HttpSpec("GET", "/api/sessions/", [new("Authorization", "Bearer " + t)]), _genuine.Access1, false),
            // From a session of its own: a logout wrongly accepted ends that one, not one the controls or other targets use.
            new("POST /api/logout/ bearer", true, t => new HttpSpec("POST", "/api/logout/", [new("Authorization", "Bearer " + t)]), _genuine.LogoutAccess, false),
            new("POST /api/token/verify/ token", false, t => Field("/api/token/verify/", "token", t), _genuine.Access1, false),
            new("POST /api/token/verify/ token (refresh)", false, t => Field("/api/token/verify/", "token", t), _genuine.Refresh1, true),
            // The same for refresh and blacklist: a forgery wrongly accepted rotates or ends its own session.
            new("POST /api/token/refresh/ refresh", false, t => Field("/api/token/refresh/", "refresh", t), _genuine.RefreshTarget, true),
            new("POST /api/token/blacklist/ refresh", false, t => Field("/api/token/blacklist/", "refresh", t), _genuine.BlacklistTarget, true),
            new("POST /api/token/sliding/refresh/ token", false, t => Field("/api/token/sliding/refresh/", "token", t), _genuine.Access1, false),
        };

        var cases = new List<FuzzCase>();
        foreach (var target in targets)
        {
            var randomCount = target.Name.Contains("(refresh)", StringComparison.Ordinal) ? randomPerTarget / 3 : randomPerTarget;
            var mutations = Specials(target.Base)
                .Concat(target.RefreshRole ? [] : Splices())
                .Concat(Structure(target.Base, target.Bearer))
                .Concat(Huge(target.Base))
                .Concat(WithServerKey(target))
                .Concat(Enumerable.Range(0, randomCount).Select(_ => RandomMutation(target.Base)));
            foreach (var (kind, label, token) in mutations)
            {
                if (_genuine.IsGenuine(token) || (target.Bearer && !FitsHeader(token)))
                {
                    continue;
                }

                cases.Add(new FuzzCase
                {
                    Category = "token",
                    Kind = "token/" + kind,
                    Label = $"{target.Name}: {label}",
                    Expect = Expect.Refused,
                    Ordered = target.SideEffects,
                    Http = target.Spec(token),
                    Note = _genuine.All.Any(g => DecodesToSameBytes(g, token)) ? "this text decodes to the bytes of a genuine token (only a base64 pad bit differs)" : null,
                });
            }
        }

        cases.AddRange(WrongPlaces(targets));
        return cases;
    }

    private static HttpSpec Field(string path, string field, string token) =>
        new("POST", path, [], JsonText.Utf8(JsonText.Object([(field, JsonText.Quote(token))])), "application/json");

    // HttpClient sends header values of visible ASCII and inner spaces; the rest is the header phase's (raw sockets).
    private static bool FitsHeader(string token) =>
        token.Length > 0 && token.All(c => c is >= ' ' and <= '~') && token[0] != ' ' && token[^1] != ' ';

    /// <summary>Genuine tokens in the wrong place, and the other user's tokens where they do not belong.</summary>
    private List<FuzzCase> WrongPlaces(Target[] targets)
    {
        var cases = new List<FuzzCase>();
        void Add(string kind, string label, HttpSpec spec) =>
            cases.Add(new FuzzCase { Category = "token", Kind = "token/" + kind, Label = label, Expect = Expect.Refused, Http = spec });

        foreach (var target in targets.Where(t => t.Bearer))
        {
            Add("wrong-type", $"{target.Name}: the first user's genuine refresh token as bearer", target.Spec(_genuine.Refresh1));
            Add("wrong-type", $"{target.Name}: the second user's genuine refresh token as bearer", target.Spec(_genuine.Refresh2));
        }

        foreach (var path in new[] { "/api/token/refresh/", "/api/token/blacklist/" })
        {
            Add("wrong-type", $"POST {path} refresh: the first user's genuine access token", Field(path, "refresh", _genuine.Access1));
            Add("wrong-type", $"POST {path} refresh: the second user's genuine access token", Field(path, "refresh", _genuine.Access2));
        }

        Add("wrong-type", "POST /api/token/sliding/refresh/ token: a genuine access token", Field("/api/token/sliding/refresh/", "token", _genuine.Access1));
        Add("wrong-type", "POST /api/token/sliding/refresh/ token: a genuine refresh token", Field("/api/token/sliding/refresh/", "token", _genuine.Refresh1));

        // The other user's tokens: a logout naming the first user's refresh token under the second
        // user's bearer must be 400, and the first user's session id must be 404 to the second user.
        Add("other-user", "POST /api/logout/ with the second user's bearer and the first user's genuine refresh token",
            new HttpSpec("POST", "/api/logout/", [], JsonText.Utf8(JsonText.Object([("refresh", JsonText.Quote(_genuine.Refresh1))])), "application/json", BearerSource.SecondUser));
        var sessionId = Jwt.StringClaim(_genuine.Access1, "sid");
        if (sessionId is not null)
        {
            Add("other-user", "DELETE /api/sessions/{the first user's session id}/ with the second user's bearer",
                new HttpSpec("DELETE", $"/api/sessions/{sessionId}/", [], Bearer: BearerSource.SecondUser));
        }

        return cases;
    }

    /// <summary>Algorithm, key id, crit, jku, jwk and x5u headers, and payload edits signed without the server's key.</summary>
    private IEnumerable<(string Kind, string Label, string Token)> Specials(string token)
    {
        var parts = Jwt.Split(token);
        var header = Jwt.Header(token);
        var payload = Jwt.Payload(token);
        var p = Jwt.Json(payload);
        string H(Action<JsonObject> edit) => Jwt.Json(Jwt.With(header, edit));

        foreach (var alg in new[] { "none", "None", "NONE", "nOnE" })
        {
            yield return ("alg", $"alg {alg}, no signature", Jwt.Unsigned(H(h => h["alg"] = alg), p));
            yield return ("alg", $"alg {alg}, no signature, no last dot", Jwt.Unsigned(H(h => h["alg"] = alg), p).TrimEnd('.'));
            yield return ("alg", $"alg {alg}, the original signature", Jwt.Unsigned(H(h => h["alg"] = alg), p) + parts[2]);
        }

        foreach (var (name, value) in new (string, JsonNode?)[]
                 {
                     ("\"\"", ""), ("null", null), ("123", 123), ("[\"HS256\"]", new JsonArray("HS256")), ("\"HS256 \"", "HS256 "),
                     ("\"hs256\"", "hs256"), ("\"HS256\\u0000\"", "HS256\0"), ("\"HS2560\"", "HS2560"),
                 })
        {
            yield return ("alg", $"alg {name}, the original signature", Jwt.Unsigned(H(h => h["alg"] = value?.DeepClone()), p) + parts[2]);
        }

        yield return ("alg", "alg removed, the original signature", Jwt.Unsigned(H(h => h.Remove("alg")), p) + parts[2]);
        foreach (var alg in new[] { "HS384", "HS512", "HS256" })
        {
            yield return ("alg", $"alg {alg}, signed with an attacker's key", Jwt.SignHmac(H(h => h["alg"] = alg), p, alg, _attackerKey));
        }

        yield return ("alg", "alg HS512, the original signature", Jwt.Unsigned(H(h => h["alg"] = "HS512"), p) + parts[2]);
        yield return ("alg", "alg RS256, signed with an attacker's RSA key", Jwt.SignRsa(H(h => h["alg"] = "RS256"), p, _rsa, RSASignaturePadding.Pkcs1));
        yield return ("alg", "alg PS256, signed with an attacker's RSA key", Jwt.SignRsa(H(h => h["alg"] = "PS256"), p, _rsa, RSASignaturePadding.Pss));
        yield return ("alg", "alg ES256, signed with an attacker's EC key", Jwt.SignEcdsa(H(h => h["alg"] = "ES256"), p, _ecdsa));
        yield return ("alg", "alg RS256, the original signature", Jwt.Unsigned(H(h => h["alg"] = "RS256"), p) + parts[2]);
        yield return ("alg", "alg RS256, an HMAC signature with an attacker's key", Jwt.SignHmac(H(h => h["alg"] = "RS256"), p, "HS256", _attackerKey));

        yield return ("kid", "kid ../../../../../../dev/null, HS256 with an empty key", Jwt.SignHmac(H(h => h["kid"] = "../../../../../../dev/null"), p, "HS256", []));
        yield return ("kid", "kid attacker, signed with the attacker's key", Jwt.SignHmac(H(h => h["kid"] = "attacker"), p, "HS256", _attackerKey));
        yield return ("kid", "kid ' OR '1'='1, signed with an attacker's key", Jwt.SignHmac(H(h => h["kid"] = "' OR '1'='1"), p, "HS256", _attackerKey));
        yield return ("kid", "kid of 5000 characters, signed with an attacker's key", Jwt.SignHmac(H(h => h["kid"] = new string('k', 5000)), p, "HS256", _attackerKey));
        yield return ("kid", "kid 123, the original signature", Jwt.Unsigned(H(h => h["kid"] = 123), p) + parts[2]);
        yield return ("kid", "kid null, the original signature", Jwt.Unsigned(H(h => h["kid"] = null), p) + parts[2]);
        yield return ("kid", "kid removed, signed with an attacker's key", Jwt.SignHmac(H(h => h.Remove("kid")), p, "HS256", _attackerKey));
        var jwk = Jwt.RsaPublicJwk(_rsa);
        yield return ("jku", "jku http://127.0.0.1:9/jwks.json, RS256 with the attacker's key",
            Jwt.SignRsa(H(h => { h["alg"] = "RS256"; h["kid"] = "attacker"; h["jku"] = "http://127.0.0.1:9/jwks.json"; }), p, _rsa, RSASignaturePadding.Pkcs1));
        yield return ("jku", "x5u http://127.0.0.1:9/cert.pem, RS256 with the attacker's key",
            Jwt.SignRsa(H(h => { h["alg"] = "RS256"; h["x5u"] = "http://127.0.0.1:9/cert.pem"; }), p, _rsa, RSASignaturePadding.Pkcs1));
        yield return ("jwk", "embedded jwk (attacker's RSA public key), RS256 with that key",
            Jwt.SignRsa(H(h => { h["alg"] = "RS256"; h["kid"] = "attacker"; h["jwk"] = jwk.DeepClone(); }), p, _rsa, RSASignaturePadding.Pkcs1));
        yield return ("jwk", "embedded jwk (oct, the attacker's secret), HS256 with that secret",
            Jwt.SignHmac(H(h => h["jwk"] = new JsonObject { ["kty"] = "oct", ["k"] = Jwt.Encode(_attackerKey) }), p, "HS256", _attackerKey));
        yield return ("crit", "crit [\"exp\"], the original signature", Jwt.Unsigned(H(h => h["crit"] = new JsonArray("exp")), p) + parts[2]);
        yield return ("crit", "crit [\"x-fuzz\"], signed with an attacker's key",
            Jwt.SignHmac(H(h => { h["crit"] = new JsonArray("x-fuzz"); h["x-fuzz"] = true; }), p, "HS256", _attackerKey));
        yield return ("header", "typ 5, the original signature", Jwt.Unsigned(H(h => h["typ"] = 5), p) + parts[2]);

        var otherUser = Jwt.StringClaim(_genuine.Access2, "user_id") ?? "2";
        var otherSession = Jwt.StringClaim(_genuine.Access2, "sid") ?? Guid.NewGuid().ToString("N");
        var edits = new (string Label, Action<JsonObject> Edit)[]
        {
            ("user_id of the other user", c => c["user_id"] = otherUser),
            ("user_id \"1\"", c => c["user_id"] = "1"),
            ("user_id 1 (a number)", c => c["user_id"] = 1),
            ("sid of the other user's session", c => c["sid"] = otherSession),
            ("exp ten years ahead", c => c["exp"] = _now + (10L * 365 * 86400)),
            ("token_type flipped", c => c["token_type"] = c["token_type"]?.GetValue<string>() == "access" ? "refresh" : "access"),
            ("a new jti", c => c["jti"] = Guid.NewGuid().ToString("N")),
            ("is_staff true", c => c["is_staff"] = true),
            ("sid removed", c => c.Remove("sid")),
        };
        var wrongKeys = new (string Label, byte[] Key)[]
        {
            ("an attacker's random key", _attackerKey),
            ("an empty key", []),
            ("the key \"secret\"", Encoding.UTF8.GetBytes("secret")),
        };
        var header256 = Jwt.Json(header);
        for (var i = 0; i < edits.Length; i++)
        {
            var edited = Jwt.Json(Jwt.With(payload, edits[i].Edit));
            var key = wrongKeys[i % wrongKeys.Length];
            yield return ("wrong-key", $"{edits[i].Label}, signed with {key.Label}", Jwt.SignHmac(header256, edited, "HS256", key.Key));
            yield return ("wrong-key", $"{edits[i].Label}, the original signature", parts[0] + "." + Jwt.Encode(edited) + "." + parts[2]);
        }

        if (_genuine.SigningKey is { Length: > 0 } real)
        {
            var nearKey = (byte[])real.Clone();
            nearKey[^1] ^= 0x01;
            yield return ("wrong-key", "exp ten years ahead, signed with the server's key but its last byte changed",
                Jwt.SignHmac(header256, Jwt.Json(Jwt.With(payload, edits[4].Edit)), "HS256", nearKey));
            yield return ("wrong-key", "signed with the server's key without its last byte",
                Jwt.SignHmac(header256, p, "HS256", real[..^1]));
        }
    }

    /// <summary>The first user's token pieces with the second user's.</summary>
    private IEnumerable<(string Kind, string Label, string Token)> Splices()
    {
        var a = Jwt.Split(_genuine.Access1);
        var b = Jwt.Split(_genuine.Access2);
        var r = Jwt.Split(_genuine.Refresh1);
        yield return ("splice", "first user's header and payload, second user's signature", $"{a[0]}.{a[1]}.{b[2]}");
        yield return ("splice", "second user's payload, first user's header and signature", $"{a[0]}.{b[1]}.{a[2]}");
        yield return ("splice", "second user's header, first user's payload and signature", $"{b[0]}.{a[1]}.{a[2]}");
        yield return ("splice", "access payload, the refresh token's signature", $"{a[0]}.{a[1]}.{r[2]}");
        yield return ("splice", "refresh payload, the access token's signature", $"{r[0]}.{r[1]}.{a[2]}");
    }

    private IEnumerable<(string Kind, string Label, string Token)> Structure(string token, bool bearer)
    {
        var parts = Jwt.Split(token);
        var (h, p, s) = (parts[0], parts[1], parts[2]);
        yield return ("structure", "signature removed", $"{h}.{p}.");
        yield return ("structure", "signature and last dot removed", $"{h}.{p}");
        yield return ("structure", "signature twice", $"{h}.{p}.{s}.{s}");
        yield return ("structure", "a trailing dot", token + ".");
        yield return ("structure", "a leading dot", "." + token);
        yield return ("structure", "header removed", $".{p}.{s}");
        yield return ("structure", "payload removed", $"{h}..{s}");
        yield return ("structure", "only dots", "..");
        yield return ("structure", "a single dot", ".");
        yield return ("structure", "header and payload swapped", $"{p}.{h}.{s}");
        yield return ("structure", "header twice", $"{h}.{h}.{s}");
        yield return ("structure", "payload twice", $"{p}.{p}.{s}");
        yield return ("structure", "padding = on each segment", $"{h}=.{p}=.{s}=");
        yield return ("structure", "padding == on the signature", $"{h}.{p}.{s}==");
        var standard = token.Replace('-', '+').Replace('_', '/');
        yield return ("structure", "standard base64 alphabet: - and _ as + and / (the signature's first character as + when there is neither)",
            standard != token ? standard : $"{h}.{p}.+{s[1..]}");
        yield return ("structure", "upper case", token.ToUpperInvariant());
        yield return ("structure", "lower case", token.ToLowerInvariant());
        yield return ("structure", "dots percent-encoded", token.Replace(".", "%2E", StringComparison.Ordinal));
        yield return ("structure", "dots as commas", token.Replace('.', ','));
        yield return ("structure", "reversed", new string(token.Reverse().ToArray()));
        yield return ("structure", "the token twice", token + token);
        yield return ("structure", "the token twice, dot-joined", token + "." + token);
        yield return ("structure", "quoted", "\"" + token + "\"");
        yield return ("structure", "an inner space", token.Insert(token.Length / 2, " "));
        yield return ("structure", "one character", "a");
        yield return ("structure", "the JSON of the payload", Encoding.UTF8.GetString(Jwt.Decode(p)));
        if (!bearer)
        {
            yield return ("structure", "Bearer prefix inside the field", "Bearer " + token);
            yield return ("structure", "a trailing space", token + " ");
            yield return ("structure", "a leading space", " " + token);
            yield return ("structure", "a trailing newline", token + "\n");
            yield return ("structure", "a trailing NUL", token + "\0");
            yield return ("structure", "a zero-width space inside", token.Insert(token.Length / 3, "\u200b"));
            yield return ("structure", "a lone surrogate appended", token + "\ud800");
            yield return ("structure", "fullwidth dots", token.Replace('.', '\uff0e'));
            yield return ("structure", "empty string", "");
        }
    }

    private IEnumerable<(string Kind, string Label, string Token)> Huge(string token)
    {
        var header = Jwt.Json(Jwt.Header(token));
        var payload = Jwt.Payload(token);
        yield return ("huge", "payload with a 40,000-character claim, attacker's key",
            Jwt.SignHmac(header, Jwt.Json(Jwt.With(payload, c => c["pad"] = new string('A', 40_000))), "HS256", _attackerKey));
        yield return ("huge", "payload of 10,000 nested arrays, attacker's key",
            Jwt.SignHmac(header, string.Concat(Enumerable.Repeat("[", 10_000)) + string.Concat(Enumerable.Repeat("]", 10_000)), "HS256", _attackerKey));
        yield return ("huge", "a claim nested 5,000 objects deep, attacker's key",
            Jwt.SignHmac(header, Jwt.Json(payload).TrimEnd('}') + ",\"deep\":" + string.Concat(Enumerable.Repeat("{\"a\":", 5_000)) + "1" + new string('}', 5_001), "HS256", _attackerKey));
        yield return ("huge", "payload with 5,000 claims, attacker's key",
            Jwt.SignHmac(header, Jwt.Json(Jwt.With(payload, c => { for (var i = 0; i < 5_000; i++) { c["c" + i] = i; } })), "HS256", _attackerKey));
        yield return ("huge", "the token 20 times", string.Concat(Enumerable.Repeat(token, 20)));
        yield return ("huge", "7,000 characters", new string('A', 7_000));
        yield return ("huge", "50,000 characters", new string('A', 50_000));
        yield return ("huge", "100,000 characters", new string('A', 100_000));
        yield return ("huge", "3,000 segments", string.Join('.', Enumerable.Repeat("eyJ9", 3_000)));
        yield return ("huge", "a 30,000-character signature", Jwt.Split(token)[0] + "." + Jwt.Split(token)[1] + "." + new string('A', 30_000));
    }

    /// <summary>
    /// Tokens signed with the server's own key (given to the fuzzer by run.sh) that break a rule the
    /// spec states: expired, required claims missing, wrong type, nbf/iat ahead, another algorithm,
    /// an unknown kid, an unknown crit extension, duplicate names. Each must be refused.
    /// </summary>
    private IEnumerable<(string Kind, string Label, string Token)> WithServerKey(Target target)
    {
        if (_genuine.SigningKey is not { Length: > 0 } key || target.Name.Contains("sliding", StringComparison.Ordinal))
        {
            yield break;
        }

        var header = Jwt.Header(target.Base);
        var alg = header["alg"]?.GetValue<string>() ?? "HS256";
        if (!alg.StartsWith("HS", StringComparison.Ordinal))
        {
            yield break;
        }

        var payload = Jwt.Payload(target.Base);
        var h = Jwt.Json(header);
        string Sign(string headerJson, string payloadJson, string algorithm = "") => Jwt.SignHmac(headerJson, payloadJson, algorithm.Length > 0 ? algorithm : alg, key);
        string Claims(Action<JsonObject> edit) => Jwt.Json(Jwt.With(payload, edit));
        string Header(Action<JsonObject> edit) => Jwt.Json(Jwt.With(header, edit));

        var claimEdits = new List<(string, Action<JsonObject>)>
        {
            ("exp one second ago", c => c["exp"] = _now - 1),
            ("exp an hour ago", c => c["exp"] = _now - 3600),
            ("exp 0", c => c["exp"] = 0),
            ("exp -1", c => c["exp"] = -1),
            ("exp removed", c => c.Remove("exp")),
            ("exp null", c => c["exp"] = null),
            ("exp \"9999999999\" (a string)", c => c["exp"] = "9999999999"),
            ("exp true", c => c["exp"] = true),
            ("jti removed", c => c.Remove("jti")),
            ("jti null", c => c["jti"] = null),
            ("token_type removed", c => c.Remove("token_type")),
            ("token_type null", c => c["token_type"] = null),
            ("nbf an hour ahead", c => c["nbf"] = _now + 3600),
            ("iat an hour ahead", c => c["iat"] = _now + 3600),
        };
        if (target.Bearer)
        {
            claimEdits.Add(("token_type refresh", c => c["token_type"] = "refresh"));
            claimEdits.Add(("token_type sliding", c => c["token_type"] = "sliding"));
            claimEdits.Add(("token_type ACCESS", c => c["token_type"] = "ACCESS"));
            claimEdits.Add(("token_type 1", c => c["token_type"] = 1));
            claimEdits.Add(("user_id removed", c => c.Remove("user_id")));
            claimEdits.Add(("user_id null", c => c["user_id"] = null));
            claimEdits.Add(("user_id \"\\ud800\" (a lone surrogate)", c => c["user_id"] = LoneSurrogate));
        }
        else if (target.RefreshRole && !target.Name.Contains("verify", StringComparison.Ordinal))
        {
            claimEdits.Add(("token_type access", c => c["token_type"] = "access"));
        }

        foreach (var (label, edit) in claimEdits)
        {
            var payloadJson = Claims(edit).Replace(LoneSurrogate, "\\ud800", StringComparison.Ordinal);
            yield return ("server-key", $"{label}, signed with the server's key", Sign(h, payloadJson));
        }

        var p = Jwt.Json(payload);
        foreach (var other in new[] { "HS384", "HS512" }.Where(a => a != alg))
        {
            yield return ("server-key", $"alg {other}, signed with the server's key by {other}", Sign(Header(x => x["alg"] = other), p, other));
        }

        yield return ("server-key", $"alg {alg.ToLowerInvariant()}, signed with the server's key", Sign(Header(x => x["alg"] = alg.ToLowerInvariant()), p));
        yield return ("server-key", "alg RS256, an HMAC with the server's key", Sign(Header(x => x["alg"] = "RS256"), p));
        yield return ("server-key", "alg removed, signed with the server's key", Sign(Header(x => x.Remove("alg")), p));
        yield return ("server-key", "alg twice (server's, then none), signed with the server's key", Sign(h.TrimEnd('}') + ",\"alg\":\"none\"}", p));
        yield return ("server-key", "kid of another key, signed with the server's key", Sign(Header(x => x["kid"] = "another-key"), p));
        yield return ("server-key", "kid 123, signed with the server's key", Sign(Header(x => x["kid"] = 123), p));
        yield return ("server-key", "crit [\"x-fuzz\"] (an unknown extension), signed with the server's key",
            Sign(Header(x => { x["crit"] = new JsonArray("x-fuzz"); x["x-fuzz"] = true; }), p));
        yield return ("server-key", "crit [\"b64\"] with b64 false, signed with the server's key",
            Sign(Header(x => { x["crit"] = new JsonArray("b64"); x["b64"] = false; }), p));
        yield return ("server-key", "crit [] (empty), signed with the server's key", Sign(Header(x => x["crit"] = new JsonArray()), p));
        yield return ("server-key", "payload with exp twice (past, then the real one), signed with the server's key",
            Sign(h, "{\"exp\":" + (_now - 3600) + "," + p.TrimStart('{')));
        if (target.Bearer)
        {
            yield return ("server-key", "payload with token_type twice (refresh, then access), signed with the server's key",
                Sign(h, "{\"token_type\":\"refresh\"," + p.TrimStart('{')));
        }

        yield return ("server-key", "payload [] , signed with the server's key", Sign(h, "[]"));
        yield return ("server-key", "payload with trailing text, signed with the server's key", Sign(h, p + "x"));
        yield return ("server-key", "header [] , signed with the server's key", Sign("[]", p));
        yield return ("server-key", "payload with a 0xFF byte in a claim, signed with the server's key", SignBytes(key, alg, Encoding.UTF8.GetBytes(h),
            Encoding.UTF8.GetBytes(Jwt.Json(Jwt.With(payload, c => c["x"] = "@"))).Select(b => b == (byte)'@' ? (byte)0xFF : b).ToArray()));
    }

    private static string SignBytes(byte[] key, string alg, byte[] header, byte[] payload)
    {
        var input = Jwt.Encode(header) + "." + Jwt.Encode(payload);
        return input + "." + Jwt.Encode(Jwt.Hmac(alg, key, Encoding.ASCII.GetBytes(input)));
    }

    /// <summary>
    /// Random edits: bit flips in a decoded segment, and character edits of the text. Each draws one
    /// number from the seeded sequence and works from its own generator, and no edit is retried, so
    /// the sequence of edits does not depend on the tokens' text (new on every run).
    /// </summary>
    public (string Kind, string Label, string Token) RandomMutation(string token)
    {
        var random = new Random(_random.Next());
        var parts = Jwt.Split(token);
        string[] names = ["header", "payload", "signature"];
        switch (random.Next(10))
        {
            case 0:
            case 1:
            case 2:
            {
                var segment = random.Next(3);
                var flips = random.Next(3) == 0 ? 2 : 1;
                var bytes = Jwt.Decode(parts[segment]);
                var labels = new List<string>();
                for (var f = 0; f < flips; f++)
                {
                    var at = random.Next(bytes.Length);
                    var bit = random.Next(8);
                    bytes[at] ^= (byte)(1 << bit);
                    labels.Add($"byte {at} bit {bit}");
                }

                parts[segment] = Jwt.Encode(bytes);
                return ("bitflip", $"bit flip in the {names[segment]}: {string.Join(", ", labels)}", string.Join('.', parts));
            }

            case 3:
            case 4:
            {
                // Another base64url character: the original shifted by 1 to 63 places in the alphabet.
                var at = random.Next(token.Length);
                var shift = random.Next(1, Base64UrlAlphabet.Length);
                var original = Base64UrlAlphabet.IndexOf(token[at], StringComparison.Ordinal);
                var c = original < 0 ? Base64UrlAlphabet[shift] : Base64UrlAlphabet[(original + shift) % Base64UrlAlphabet.Length];
                return ("char-edit", $"character {at} ({Where(token, at)}) shifted {shift} places in the base64url alphabet", token[..at] + c + token[(at + 1)..]);
            }

            case 5:
            {
                var at = random.Next(token.Length);
                return ("char-edit", $"character {at} ({Where(token, at)}) deleted", token.Remove(at, 1));
            }

            case 6:
            {
                var at = random.Next(token.Length + 1);
                var c = "A-_.=+/%~ 0"[random.Next(11)];
                return ("char-edit", $"'{c}' inserted at {at}", token.Insert(at, c.ToString()));
            }

            case 7:
            {
                var at = random.Next(1, token.Length);
                return ("truncate", $"truncated to {at} characters", token[..at]);
            }

            case 8:
            {
                var segment = random.Next(3);
                var donor = Jwt.Split(random.Next(4) switch { 0 => _genuine.Access1, 1 => _genuine.Refresh1, 2 => _genuine.Access2, _ => _genuine.Refresh2 });
                parts[segment] = donor[segment];
                // Where that is the token itself (same header), the case is dropped as genuine.
                return ("splice", $"{names[segment]} from another genuine token", string.Join('.', parts));
            }

            default:
            {
                // Case flipped; a digit, '-' or '_' (no case) is shifted to the next alphabet character instead.
                var at = random.Next(token.Length);
                var c = token[at];
                var swapped = char.IsUpper(c) ? char.ToLowerInvariant(c) : char.IsLower(c) ? char.ToUpperInvariant(c)
                    : Base64UrlAlphabet[(Base64UrlAlphabet.IndexOf(c, StringComparison.Ordinal) + 1) % Base64UrlAlphabet.Length];
                return ("char-edit", $"case of character {at} ({Where(token, at)}) changed", token[..at] + swapped + token[(at + 1)..]);
            }
        }
    }

    /// <summary>Whether a different text decodes to the same bytes (a base64 pad bit): noted on a failure.</summary>
    public static bool DecodesToSameBytes(string a, string b) => a != b && SameBytes(a, b);

    private static string Where(string token, int at)
    {
        var dots = token[..at].Count(c => c == '.');
        return dots switch { 0 => "header", 1 => "payload", _ => "signature" };
    }

    private static bool SameBytes(string a, string b)
    {
        var x = a.Split('.');
        var y = b.Split('.');
        if (x.Length != y.Length)
        {
            return false;
        }

        try
        {
            return x.Zip(y).All(pair => Jwt.Decode(pair.First).AsSpan().SequenceEqual(Jwt.Decode(pair.Second)));
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
