using System.Diagnostics;

namespace JwtAuth.Diagnostics;

/// <summary>
/// JwtAuth's trace source: one activity per JwtAuth endpoint call, named after the endpoint, with
/// the database calls made for it as children when the host instruments them. Without a listener
/// no activity is created, so an untraced host pays nothing.
/// </summary>
internal static class JwtAuthActivities
{
    /// <summary>The source's name, the same as the meter's.</summary>
    public const string SourceName = JwtAuthMetrics.MeterName;

    public static readonly ActivitySource Source = new(SourceName);
}
