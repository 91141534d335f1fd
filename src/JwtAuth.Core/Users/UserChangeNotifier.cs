using JwtAuth.Revocation;
using Microsoft.Extensions.Logging;

namespace JwtAuth.Users;

/// <summary>
/// Tells the host's <see cref="IUserChangeObserver"/>s of the log entries that concern a user's
/// account: <see cref="RevocationKind.UserChanged"/> and the user-wide cut-off
/// (<see cref="RevocationKind.User"/>). Fed beside the registry, by <c>JwtAuthSessions</c> for
/// entries written here and by <c>RevocationSync</c> for entries read from the log.
/// </summary>
internal sealed partial class UserChangeNotifier(IEnumerable<IUserChangeObserver> observers, ILogger<UserChangeNotifier> logger)
{
    private readonly IUserChangeObserver[] _observers = observers.ToArray();

    /// <summary>Tells every observer of <paramref name="entry"/> when it concerns a user's account.</summary>
    public void Apply(RevocationEntry entry)
    {
        if (_observers.Length == 0 || entry.Kind is not (RevocationKind.UserChanged or RevocationKind.User))
        {
            return;
        }

        foreach (var observer in _observers)
        {
            try
            {
                observer.OnUserChanged(entry.Subject);
            }
            catch (Exception ex)
            {
                LogObserverFailed(ex, observer.GetType().Name, entry.Subject);
            }
        }
    }

    [LoggerMessage(EventId = 205, Level = LogLevel.Error, Message = "User change observer {Observer} failed for user {UserId}")]
    private partial void LogObserverFailed(Exception exception, string observer, string userId);
}
