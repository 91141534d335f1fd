namespace JwtAuth.EntityFrameworkCore;

/// <summary>Row of <c>jwtauth_user_epochs</c>: the user's session epoch (<see cref="Sessions.ISessionStore.GetUserEpochAsync"/>).</summary>
internal sealed class UserEpochEntity
{
    public string UserId { get; set; } = "";
    public long Epoch { get; set; }
}
