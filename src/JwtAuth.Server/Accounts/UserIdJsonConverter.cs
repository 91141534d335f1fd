using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using JwtAuth.Users;

namespace JwtAuth.Server.Accounts;

/// <summary>
/// A user's <c>id</c> in a body: a JSON number when it is numeric, as Django's is and as the
/// token's <c>user_id</c> is (<see cref="NumericUserId"/>); a GUID id of an older install stays a string.
/// </summary>
internal sealed class UserIdJsonConverter : JsonConverter<string>
{
    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Number ? reader.GetInt64().ToString(CultureInfo.InvariantCulture) : reader.GetString() ?? "";

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        if (NumericUserId.TryParse(value, out var number))
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }
}
