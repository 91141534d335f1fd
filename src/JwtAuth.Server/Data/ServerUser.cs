using Microsoft.AspNetCore.Identity;

namespace JwtAuth.Server.Data;

/// <summary>An Identity user with Django's <c>is_active</c>, <c>is_staff</c>, <c>date_joined</c> and <c>last_login</c>.</summary>
public sealed class ServerUser : IdentityUser
{
    public bool IsActive { get; set; } = true;

    /// <summary>May use the admin tools (Django's <c>is_staff</c>).</summary>
    public bool IsAdmin { get; set; }

    /// <summary>Epoch milliseconds.</summary>
    public long DateJoinedMs { get; set; }

    /// <summary>Epoch milliseconds; recorded with <c>UpdateLastLogin</c>.</summary>
    public long? LastLoginMs { get; set; }
}
