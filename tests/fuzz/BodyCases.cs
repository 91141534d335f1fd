using System.Globalization;
using System.Text;

namespace JwtAuth.Fuzz;

/// <summary>
/// Mutated request bodies for every POST endpoint: type confusion, deep nesting, huge strings,
/// invalid UTF-8, lone surrogates, duplicate keys, wrong content types, form and multipart bodies,
/// empty bodies, and random byte edits of a well-formed body. The check is "no 5xx".
/// </summary>
internal sealed class BodyCases(Random random, Genuine genuine)
{
    private const string Json = "application/json";

    private static readonly string[] TypeConfusions =
    [
        "0", "-1", "1.5", "1e309", "-1e309", "123456789012345678901234567890", "true", "false", "null",
        "[]", "[\"x\"]", "{}", "{\"a\": \"b\"}", "\"\"", "\" \"", "\"\\u0000\"", "[[[]]]", "-0", "1E+2", "\"\\t\\n\"",
    ];

    private static readonly string[] ContentTypes =
    [
        "text/plain", "application/xml", "application/json; charset=utf-16", "application/json; charset=\"",
        "application/x-www-form-urlencoded", "multipart/form-data", "multipart/form-data; boundary=", "application/jsonx",
        "APPLICATION/JSON", "application/problem+json", "application/json-patch+json", "application/vnd.api+json; charset=utf-8",
        "/", "application/", "*/*", "application/*", "json", ";;;", "application/json;;", "application/json; a=b; a=c",
        "text/json", "application/octet-stream", "application/json, text/plain", new string('a', 4000) + "/json",
        "application/json; charset=latin1", "application/json\t", "application/ json",
    ];

    private static readonly string[] WholeBodies =
    [
        "", " ", "\r\n", "null", "[]", "\"str\"", "0", "true", "{", "}", "{}", "{}{}", "{} x", "/* c */ {}", "// c\n{}",
        "{\"a\": 1,}", "{'username': 'x'}", "NaN", "Infinity", "[{}]", "{\"\": \"\"}", "{\"a\"}", "{\"a\" 1}", "{,}", "{:}",
        "\"", "\\", "{\"a\": \"\\x41\"}", "{\"a\": \"\\u12\"}", "{\"a\": \"\\uZZZZ\"}", "{\"a\":\"\n\"}", "\ufeff{}",
        "{\"a\": 01}", "{\"a\": .5}", "{\"a\": +1}", "{\"a\": 0x10}", "{\"a\": [1,,2]}", "{\"a\": tru}", "{\"a\": nul}",
    ];

    private static readonly byte[][] BadUtf8 =
    [
        [0xFF], [0xFE], [0xC0, 0x80], [0xC1, 0xBF], [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80],
        [0xF8, 0x88, 0x80, 0x80, 0x80], [0xE2, 0x82], [0x80], [0xBF], [0xC3], [0xE0, 0x80, 0xAF], [0x00], [0x1F], [0x7F],
    ];

    private static readonly string[] Surrogates =
    [
        "\\ud800", "\\udc00", "\\udfff", "\\ud800\\u0041", "\\udbff", "\\udc00\\ud800", "\\ud800\\ud800", "x\\ud83d",
        "\\ud83d\\ude00", "\\uDBFF\\uDFFF", "\\ud800\\\\udc00",
    ];

    private readonly string _junkRefresh = Junk(genuine.Refresh1);
    private readonly string _junkAccess = Junk(genuine.Access1);

    public List<FuzzCase> Build(int perEndpoint, int perHashingEndpoint)
    {
        var cases = new List<FuzzCase>();
        foreach (var endpoint in PostEndpoint.All)
        {
            var count = endpoint.Hashing ? perHashingEndpoint : perEndpoint;
            for (var i = 0; i < count; i++)
            {
                var (kind, label, body, contentType) = Mutate(endpoint);
                var bearer = Bearer(endpoint, i);
                cases.Add(new FuzzCase
                {
                    Category = "body",
                    Kind = "body/" + kind,
                    Label = $"POST {endpoint.Path} {label}" + (bearer == BearerSource.SecondUser ? " (bearer: second user)" : endpoint.Authenticated ? " (no bearer)" : ""),
                    Http = new HttpSpec("POST", endpoint.Path, [], body, contentType, bearer),
                });
            }
        }

        return cases;
    }

    // Endpoints behind a bearer get the second user's session, so the body is read; logout/all and
    // logout/others ignore their body and end sessions, so only one request in 25 carries a bearer there.
    private static BearerSource Bearer(PostEndpoint endpoint, int index) =>
        !endpoint.Authenticated ? BearerSource.None
        : endpoint.IgnoresBody && index % 25 != 0 ? BearerSource.None
        : BearerSource.SecondUser;

    private (string Kind, string Label, byte[]? Body, string? ContentType) Mutate(PostEndpoint endpoint)
    {
        var fields = Template(endpoint);
        switch (random.Next(16))
        {
            case 0:
                return ("well-formed", "well-formed template", Bytes(fields), Json);
            case 1:
            case 2:
            {
                if (fields.Count == 0)
                {
                    fields.Add(("token", JsonText.Quote("x")));
                }

                var at = random.Next(fields.Count);
                var value = Pick(TypeConfusions);
                fields[at] = (fields[at].Name, value);
                return ("type-confusion", $"field {fields[at].Name} = {value}", Bytes(fields), Json);
            }

            case 3:
                return Nesting(fields);
            case 4:
                return HugeString(fields);
            case 5:
                return InvalidUtf8(fields);
            case 6:
                return LoneSurrogate(fields);
            case 7:
                return Duplicates(endpoint, fields);
            case 8:
            {
                var contentType = Pick(ContentTypes);
                return ("content-type", $"well-formed JSON as {Printable.Text(contentType, 60)}", Bytes(fields), contentType);
            }

            case 9:
                return Form(endpoint, fields);
            case 10:
            {
                var body = Pick(WholeBodies);
                var contentType = random.Next(4) switch { 0 => null, 1 => "text/plain", _ => Json };
                return ("whole-body", $"body {Printable.Text(body, 40)} as {contentType ?? "no content type"}", Encoding.UTF8.GetBytes(body), contentType);
            }

            case 11:
            {
                // An empty body: no Content-Type, or JSON, or another type; HttpClient sends Content-Length: 0.
                var contentType = random.Next(3) switch { 0 => null, 1 => Json, _ => "text/plain" };
                return random.Next(2) == 0
                    ? ("empty", $"no body, content type {contentType ?? "none"}", null, contentType)
                    : ("empty", $"empty body, content type {contentType ?? "none"}", [], contentType);
            }

            case 12:
            {
                // Fields renamed, dropped or joined by unknown ones.
                var edit = random.Next(5);
                if (fields.Count > 0 && edit < 2)
                {
                    var at = random.Next(fields.Count);
                    var name = fields[at].Name;
                    if (edit == 0)
                    {
                        fields.RemoveAt(at);
                        return ("fields", $"field {name} missing", Bytes(fields), Json);
                    }

                    var renamed = random.Next(3) switch { 0 => name.ToUpperInvariant(), 1 => " " + name, _ => name + "\u0000" };
                    fields[at] = (renamed, fields[at].RawValue);
                    return ("fields", $"field {name} renamed {Printable.Text(renamed, 20)}", Bytes(fields), Json);
                }

                var extra = random.Next(1, 3000);
                for (var i = 0; i < extra; i++)
                {
                    fields.Add(("extra" + i.ToString(CultureInfo.InvariantCulture), "1"));
                }

                return ("fields", $"{extra} unknown fields", Bytes(fields), Json);
            }

            case 13:
            {
                // Escaped names that decode to the real ones, control characters, NULs.
                if (fields.Count == 0)
                {
                    return ("escapes", "escaped unknown name", JsonText.Utf8("{\"\\u0074oken\": \"x\"}"), Json);
                }

                var at = random.Next(fields.Count);
                var name = fields[at].Name;
                var padding = random.Next(300);
                var (label, text) = random.Next(4) switch
                {
                    0 => ("the name written as \\u escapes", "{\"" + string.Concat(name.Select(c => $"\\u{(int)c:x4}")) + "\": " + fields[at].RawValue + "}"),
                    1 => ("a raw control character U+0001 in the value", "{\"" + name + "\": \"a\u0001b\"}"),
                    2 => ($"an escaped NUL and {padding} characters as the value", "{\"" + name + "\": \"\\u0000" + new string('a', padding) + "\"}"),
                    _ => ("RLO, zero-width space, BOM and U+FFFF as the value", "{\"" + name + "\": \"\\u202e\\u200b\\ufeff\\uffff\"}"),
                };
                return ("escapes", $"field {name}: {label}", JsonText.Utf8(text), Json);
            }

            default:
                return ByteEdits(fields);
        }
    }

    private List<(string Name, string RawValue)> Template(PostEndpoint endpoint) =>
        endpoint.Fields.Select(field => (field, JsonText.Quote(field switch
        {
            "username" => endpoint.Path == "/api/register/" ? "fuzz-" + Hex(8) : Pick(["fuzz-nobody", genuine.User1, genuine.User2]),
            "password" => endpoint.Path == "/api/register/" ? "fuzz-password-" + Hex(8) : "wrong-password-1",
            "email" => "fuzz@example.com",
            "refresh" => random.Next(2) == 0 ? _junkRefresh : "not-a-token",
            "token" => endpoint.Path == "/api/token/verify/" && random.Next(3) == 0 ? genuine.Access1 : _junkAccess,
            "old_password" => "wrong-old-password",
            "new_password" => "fuzz-new-password-1",
            _ => "x",
        }))).ToList();

    private (string, string, byte[]?, string?) Nesting(List<(string Name, string RawValue)> fields)
    {
        var depth = Pick([31, 32, 33, 64, 100, 1000, 10_000, 30_000]);
        var objects = random.Next(2) == 0;
        var open = objects ? "{\"a\":" : "[";
        var close = objects ? "}" : "]";
        var unclosed = random.Next(5) == 0;
        var nested = string.Concat(Enumerable.Repeat(open, depth)) + "1" + (unclosed ? "" : string.Concat(Enumerable.Repeat(close, depth)));
        var atRoot = fields.Count == 0 || random.Next(3) == 0;
        if (!atRoot)
        {
            var at = random.Next(fields.Count);
            fields[at] = (fields[at].Name, nested);
        }

        var label = $"{(objects ? "objects" : "arrays")} nested {depth} deep{(unclosed ? ", unclosed" : "")} {(atRoot ? "as the body" : "in a field")}";
        return ("nesting", label, atRoot ? JsonText.Utf8(nested) : Bytes(fields), Json);
    }

    private (string, string, byte[]?, string?) HugeString(List<(string Name, string RawValue)> fields)
    {
        var length = Pick([1_000, 10_000, 65_000, 65_537, 70_000, 300_000, 1_000_000]);
        var filler = Pick(["a", "é", "\\u00e9", "\\\\", " "]);
        var text = new StringBuilder(length * filler.Length + 2).Append('"').Insert(1, filler, length).Append('"').ToString();
        if (fields.Count == 0 || random.Next(4) == 0)
        {
            return ("huge", $"key of {length} × {filler}", JsonText.Utf8("{" + text + ": 1}"), Json);
        }

        var at = random.Next(fields.Count);
        fields[at] = (fields[at].Name, text);
        return ("huge", $"field {fields[at].Name} = {length} × {filler}", Bytes(fields), Json);
    }

    private (string, string, byte[]?, string?) InvalidUtf8(List<(string Name, string RawValue)> fields)
    {
        var bad = BadUtf8[random.Next(BadUtf8.Length)];
        var well = Bytes(fields.Count > 0 ? fields : [("token", "\"x\"")]);
        var text = Encoding.UTF8.GetString(well);
        // Inside a string value (after its opening quote), inside a key, or between tokens.
        var where = random.Next(3);
        var at = where switch
        {
            0 => text.LastIndexOf(": \"", StringComparison.Ordinal) + 3,
            1 => 2,
            _ => text.Length - 1,
        };
        at = Math.Clamp(at, 0, well.Length);
        var body = well[..at].Concat(bad).Concat(well[at..]).ToArray();
        var place = where switch { 0 => "in a value", 1 => "in a key", _ => "between tokens" };
        return ("invalid-utf8", $"bytes {Convert.ToHexString(bad)} {place}", body, Json);
    }

    private (string, string, byte[]?, string?) LoneSurrogate(List<(string Name, string RawValue)> fields)
    {
        var escape = Pick(Surrogates);
        if (fields.Count == 0 || random.Next(4) == 0)
        {
            return ("surrogate", $"key \"{escape}\"", JsonText.Utf8("{\"" + escape + "\": \"" + escape + "\"}"), Json);
        }

        var at = random.Next(fields.Count);
        var value = random.Next(2) == 0 ? "\"" + escape + "\"" : fields[at].RawValue.Insert(1, escape);
        fields[at] = (fields[at].Name, value);
        return ("surrogate", $"field {fields[at].Name} with {escape}", Bytes(fields), Json);
    }

    private (string, string, byte[]?, string?) Duplicates(PostEndpoint endpoint, List<(string Name, string RawValue)> fields)
    {
        if (fields.Count == 0)
        {
            return ("duplicate-keys", "a key twice", JsonText.Utf8("{\"a\": 1, \"a\": \"2\"}"), Json);
        }

        var at = random.Next(fields.Count);
        var name = fields[at].Name;
        var other = random.Next(3) switch
        {
            0 => Pick(TypeConfusions),
            1 => JsonText.Quote(endpoint.Path == "/api/token/verify/" ? genuine.Access1 : "dup"),
            _ => fields[at].RawValue,
        };
        var first = random.Next(2) == 0;
        fields.Insert(first ? at : at + 1, (name, other));
        // Labels never show token text, which is new on every run.
        var shown = other == JsonText.Quote(genuine.Access1) ? "<genuine access>" : other == fields[at].RawValue ? "<the same value>" : other;
        return ("duplicate-keys", $"{name} twice, {(first ? "first" : "second")} = {Printable.Text(shown, 40)}", Bytes(fields), Json);
    }

    private (string, string, byte[]?, string?) Form(PostEndpoint endpoint, List<(string Name, string RawValue)> fields)
    {
        var pairs = fields.Select(f => (f.Name, Value: f.RawValue.Trim('"'))).ToList();
        if (pairs.Count == 0)
        {
            pairs.Add(("token", "x"));
        }

        switch (random.Next(6))
        {
            case 0:
            {
                var body = string.Join("&", pairs.Select(p => Uri.EscapeDataString(p.Name) + "=" + Uri.EscapeDataString(p.Value)));
                return ("form", "urlencoded form", JsonText.Utf8(body), "application/x-www-form-urlencoded");
            }

            case 1:
            {
                var body = string.Join("&", pairs.Select(p => p.Name + "=" + p.Value + "&" + p.Name + "=%FF%FE%00&" + p.Name + "[]=1"));
                return ("form", "urlencoded form with repeated, %FF and array keys", JsonText.Utf8(body), "application/x-www-form-urlencoded; charset=utf-8");
            }

            case 2:
            {
                const string boundary = "fuzzboundary42";
                var body = string.Concat(pairs.Select(p => $"--{boundary}\r\nContent-Disposition: form-data; name=\"{p.Name}\"\r\n\r\n{p.Value}\r\n")) + $"--{boundary}--\r\n";
                return ("multipart", "multipart form", JsonText.Utf8(body), $"multipart/form-data; boundary={boundary}");
            }

            case 3:
            {
                var body = $"--a\r\nContent-Disposition: form-data; name=\"{pairs[0].Name}\"\r\n\r\nunterminated";
                return ("multipart", "multipart without a closing boundary", JsonText.Utf8(body), "multipart/form-data; boundary=a");
            }

            case 4:
            {
                var body = $"--b\r\nContent-Disposition: form-data; name=\"{pairs[0].Name}\"; filename=\"../../etc/passwd\"\r\nContent-Type: application/json\r\n\r\n{{}}\r\n--b--\r\n";
                return ("multipart", "multipart with a file part, boundary mismatch", JsonText.Utf8(body), "multipart/form-data; boundary=c");
            }

            default:
            {
                var body = string.Join("&", pairs.Select(p => p.Name + "=" + p.Value));
                return ("form", "urlencoded form sent as application/json", JsonText.Utf8(body), Json);
            }
        }
    }

    // Random byte edits of a well-formed body: flips, deletions, insertions, truncation, repeats.
    private (string, string, byte[]?, string?) ByteEdits(List<(string Name, string RawValue)> fields)
    {
        var bytes = Bytes(fields.Count > 0 ? fields : [("token", "\"x\"")]).ToList();
        var edits = random.Next(1, 4);
        var labels = new List<string>();
        for (var e = 0; e < edits && bytes.Count > 0; e++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(5))
            {
                case 0:
                    var bit = random.Next(8);
                    bytes[at] ^= (byte)(1 << bit);
                    labels.Add($"flip byte {at} bit {bit}");
                    break;
                case 1:
                    bytes.RemoveAt(at);
                    labels.Add($"delete byte {at}");
                    break;
                case 2:
                    var value = (byte)random.Next(256);
                    bytes.Insert(at, value);
                    labels.Add($"insert {value:x2} at {at}");
                    break;
                case 3:
                    bytes.RemoveRange(at, bytes.Count - at);
                    labels.Add($"truncate at {at}");
                    break;
                default:
                    var length = Math.Min(random.Next(1, 16), bytes.Count - at);
                    var times = random.Next(2, 200);
                    var slice = bytes.GetRange(at, length);
                    for (var t = 0; t < times; t++)
                    {
                        bytes.InsertRange(at, slice);
                    }

                    labels.Add($"repeat {length} bytes at {at} {times} times");
                    break;
            }
        }

        return ("byte-edits", string.Join(", ", labels), bytes.ToArray(), Json);
    }

    private static byte[] Bytes(List<(string Name, string RawValue)> fields) => JsonText.Utf8(JsonText.Object(fields));

    private T Pick<T>(T[] items) => items[random.Next(items.Length)];

    private string Hex(int length)
    {
        var bytes = new byte[length / 2];
        random.NextBytes(bytes);
        return Convert.ToHexString(bytes).ToLowerInvariant();
    }

    // A token that is not genuine: the genuine one with its last signature byte changed.
    internal static string Junk(string token)
    {
        var parts = Jwt.Split(token);
        var signature = Jwt.Decode(parts[2]);
        signature[^1] ^= 0x01;
        return parts[0] + "." + parts[1] + "." + Jwt.Encode(signature);
    }
}
