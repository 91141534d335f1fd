using System.Globalization;

namespace JwtAuth.Server.Django;

/// <summary>
/// Django's stored times: text on SQLite (<c>2026-11-25 20:11:36.123456</c>), <c>timestamptz</c>
/// on PostgreSQL, ISO 8601 in <c>dumpdata</c>. A time without an offset is UTC (Django's
/// <c>USE_TZ = True</c>, the default since Django 5 and of every SimpleJWT project that stores tokens).
/// </summary>
internal static class DjangoTime
{
    public static DateTimeOffset Parse(object value) => value switch
    {
        DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, time.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : time.Kind)).ToUniversalTime(),
        DateTimeOffset time => time,
        string text => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : throw new DjangoImportException($"'{text}' is not a Django date and time."),
        _ => throw new DjangoImportException($"a {value.GetType().Name} is not a Django date and time."),
    };
}
