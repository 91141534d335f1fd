using System.Diagnostics;
using System.Globalization;

namespace JwtAuth.Reliability;

/// <summary>
/// The crash campaign: a few client tasks put login, refresh (rotation chains), logout, blacklist,
/// session delete, logout-all and password-change load on the server; at a seeded random moment
/// the server is killed with SIGKILL, restarted on the same database, and what was answered before
/// the crash is checked against what the server says now. Each client task owns its users, so its
/// operations on them are sequential and the model of what must hold is exact; only the one
/// request a task had in flight at the crash is uncertain, and that one is checked for
/// all-or-nothing. Every other crash (by the seed) is aimed: the kill comes a seeded fraction of a
/// typical password change's duration after one is sent, so that changes are caught near their
/// commits, not only while hashing.
/// </summary>
internal sealed class CrashCampaign(Settings settings, Checks checks, Figures figures, TextWriter output)
{
    public const string LoadAnswer = "load: an answered request answered as the model expects (none 5xx)";
    public const string Restart = "restart: the server starts again on the same database after kill -9";
    public const string Completed = "campaign: every requested crash ran within the time bound";
    public const string EndedAccess = "revocation: an ended session's access token is refused after restart (GET /api/me/ 401)";
    public const string EndedRefresh = "revocation: an ended session's refresh token is refused after restart (verify 401)";
    public const string Rotated = "rotation: a rotated-out refresh token is refused after restart (verify 401)";
    public const string Alive = "no answered session missing: a live session's refresh token (verify) and access token (GET /api/me/) still work";
    public const string PasswordHolds = "password change answered 204 holds: the new password logs in, the old one is refused";
    public const string PasswordInFlight = "password change in flight at the crash: fully happened or not at all";
    public const string EndInFlight = "session end in flight at the crash: all or nothing";
    public const string RefreshInFlight = "refresh in flight at the crash: its session is still alive";

    private readonly List<User>[] _users = new List<User>[settings.Options.Int("clients", 4)];
    private readonly List<EndedSession> _ended = [];
    private readonly List<RotatedToken> _rotated = [];
    private readonly Random _random = new(settings.Seed);
    private readonly int _crashes = settings.Options.Int("crashes", 5);
    private readonly int _usersPerClient = settings.Options.Int("users-per-client", 3);
    private readonly int _minLoadMs = settings.Options.Int("min-load-ms", 1000);
    private readonly int _maxLoadMs = settings.Options.Int("max-load-ms", 4000);
    private readonly List<double> _changeMs = [];
    private TaskCompletionSource? _changeSent;
    private Answer? _warmChange;
    private readonly int _recheck = settings.Options.Int("recheck", 40);

    private enum Op
    {
        Login,
        Refresh,
        Logout,
        Blacklist,
        Delete,
        LogoutAll,
        PasswordChange,
    }

    public async Task RunAsync()
    {
        foreach (var kind in (string[])[LoadAnswer, Restart, EndedAccess, EndedRefresh, Rotated, Alive, PasswordHolds, PasswordInFlight, EndInFlight, RefreshInFlight, Completed])
        {
            checks.Declare(kind);
        }

        var campaignClock = Stopwatch.StartNew();
        output.WriteLine($"crash campaign on {settings.Database}: {_crashes} crashes, {_users.Length} clients x {_usersPerClient} users, load {_minLoadMs}-{_maxLoadMs} ms before each kill, seed {settings.Seed}");
        var warm = new User($"crash{settings.Seed}-warm", $"pw-crash{settings.Seed}-warm");
        using var server = new ServerProcess(settings);
        var (started, took, error) = await server.StartAsync();
        if (!started)
        {
            checks.Check(Restart, false, () => $"first start failed after {took.TotalSeconds:F1} s: {error}");
            return;
        }

        var api = new Api(server.BaseUrl);
        await RegisterUsersAsync(api);
        if ((await api.RegisterAsync(warm.Name, warm.Password)).Status != 201)
        {
            throw new InvalidOperationException($"registering {warm.Name} failed");
        }

        await WarmUpAsync(api, warm);
        var crashesDone = 0;
        for (var crash = 1; crash <= _crashes; crash++)
        {
            if (campaignClock.Elapsed > settings.Deadline)
            {
                break;
            }

            var aimed = _random.Next(2) == 1;
            var loadMs = _random.Next(_minLoadMs, _maxLoadMs + 1);
            var fraction = 0.5 + (0.8 * _random.NextDouble());
            var (answered, inFlight, killedAt, how) = await LoadThenKillAsync(api, server, crash, loadMs, aimed ? fraction : null);
            api.Dispose();
            crashesDone++;
            (started, took, error) = await server.StartAsync();
            var restartTook = took;
            if (!checks.Check(Restart, started, () => $"crash {crash}: restart failed after {restartTook.TotalSeconds:F1} s: {error}"))
            {
                return;
            }

            figures.Add("restart time total (ms)", (long)took.TotalMilliseconds);
            api = new Api(server.BaseUrl);
            var before = (checks.Passed, checks.Failed);
            await CheckAfterRestartAsync(api, crash, inFlight);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"crash {crash}/{_crashes}: kill -9 after {killedAt.TotalMilliseconds:F0} ms of load, {how} ({answered} answered; in flight: {(inFlight.Count == 0 ? "nothing" : string.Join(", ", inFlight.Select(f => Name(f.Op))))}), " +
                $"restarted in {took.TotalSeconds:F1} s; checks: passed {checks.Passed - before.Passed}, failed {checks.Failed - before.Failed}"));
            if (crash < _crashes)
            {
                await WarmUpAsync(api, warm);
            }
        }

        api.Dispose();
        checks.Check(Completed, crashesDone == _crashes, () => $"{crashesDone} of {_crashes} crashes ran within {settings.Deadline.TotalSeconds} s");
        figures.Add("crashes", crashesDone);
        figures.Add("campaign seconds", (long)campaignClock.Elapsed.TotalSeconds);
    }

    private async Task RegisterUsersAsync(Api api)
    {
        for (var client = 0; client < _users.Length; client++)
        {
            _users[client] = [];
            for (var i = 0; i < _usersPerClient; i++)
            {
                var user = new User($"crash{settings.Seed}-c{client}u{i}", $"pw-crash{settings.Seed}-c{client}u{i}-0");
                var answer = await api.RegisterAsync(user.Name, user.Password);
                if (answer.Status != 201)
                {
                    throw new InvalidOperationException($"registering {user.Name} answered {answer}");
                }

                _users[client].Add(user);
            }
        }
    }

    /// <summary>
    /// A started server is cold (JIT, EF Core's model, connection pools): one user, outside the model,
    /// goes through every operation once, so that the load that follows is at speed and a kill lands
    /// on the load, not on start-up work.
    /// </summary>
    private async Task WarmUpAsync(Api api, User warm)
    {
        foreach (var end in (string[])["logout", "blacklist", "delete", "password", "all"])
        {
            var login = await api.LoginAsync(warm.Name, warm.Password);
            var refreshed = await api.RefreshAsync(login.Field("refresh") ?? "");
            var access = refreshed.Field("access") ?? "";
            var refresh = refreshed.Field("refresh") ?? "";
            await api.MeAsync(access);
            await api.VerifyAsync(refresh);
            _ = end switch
            {
                "logout" => await api.LogoutAsync(access, refresh),
                "blacklist" => await api.BlacklistAsync(refresh),
                "delete" => await api.DeleteSessionAsync(access, Jwt.SessionId(access)),
                "password" => _warmChange = await api.ChangePasswordAsync(access, warm.Password, warm.Password),
                _ => await api.LogoutAllAsync(access),
            };
        }
    }

    /// <summary>
    /// Runs the load, kills the server, and returns how many requests were answered, what was in
    /// flight, when the kill came and why: after <paramref name="loadMs"/>, or, when aimed, at
    /// <paramref name="aimedFraction"/> of a typical password change after the first one sent once
    /// <c>--min-load-ms</c> have passed (or at <paramref name="loadMs"/> if none is sent by then).
    /// </summary>
    private async Task<(int Answered, List<InFlight> InFlight, TimeSpan KilledAt, string How)> LoadThenKillAsync(
        Api api, ServerProcess server, int crash, int loadMs, double? aimedFraction)
    {
        var crashing = false;
        var answered = 0;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, _users.Length).Select(client => Task.Run(async () =>
        {
            var random = new Random(HashCode.Combine(settings.Seed, crash, client));
            while (!Volatile.Read(ref crashing))
            {
                var users = _users[client].Where(user => !user.Retired).ToList();
                if (users.Count == 0)
                {
                    return null;
                }

                var user = users[random.Next(users.Count)];
                var work = Choose(user, random, Volatile.Read(ref _changeSent) is not null);
                Answer answer;
                try
                {
                    var sending = ExecuteAsync(api, work);
                    if (work.Op == Op.PasswordChange)
                    {
                        Volatile.Read(ref _changeSent)?.TrySetResult();
                    }

                    answer = await sending;
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException)
                {
                    if (Volatile.Read(ref crashing))
                    {
                        return work;
                    }

                    checks.Check(LoadAnswer, false, () => $"crash {crash}: {work.Op} of {user.Name} failed without a crash: {exception.Message}");
                    Forget(work);
                    continue;
                }

                Interlocked.Increment(ref answered);
                if (work.Op == Op.PasswordChange && answer.Status == 204)
                {
                    lock (_changeMs)
                    {
                        _changeMs.Add(answer.Took.TotalMilliseconds);
                    }
                }

                Apply(work, answer, crash, clock.Elapsed);
            }

            return (InFlight?)null;
        })).ToList();

        var how = "at a random moment";
        if (aimedFraction is { } fraction)
        {
            await Task.Delay(_minLoadMs);
            var sent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _changeSent, sent);
            double typical;
            lock (_changeMs)
            {
                // Under load a change takes longer than the warm-up's on a quiet server: that is only the first guess.
                typical = _changeMs.Count > 0 ? _changeMs.Order().ElementAt(_changeMs.Count / 2) : _warmChange?.Took.TotalMilliseconds * 2 ?? 250;
            }

            if (await Task.WhenAny(sent.Task, Task.Delay(Math.Max(0, loadMs - _minLoadMs))) == sent.Task)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(fraction * typical));
                how = string.Create(CultureInfo.InvariantCulture, $"aimed {fraction * typical:F0} ms after a password change was sent ({fraction:F2} of {typical:F0} ms)");
            }
            else
            {
                how = "aimed, but no password change was sent: at a random moment";
            }

            Volatile.Write(ref _changeSent, null);
        }
        else
        {
            await Task.Delay(loadMs);
        }

        var killedAt = clock.Elapsed;
        Volatile.Write(ref crashing, true);
        server.KillHard();
        var inFlight = (await Task.WhenAll(workers)).OfType<InFlight>().ToList();
        foreach (var work in inFlight)
        {
            figures.Add($"in flight at a crash: {work.Op}");
        }

        figures.Add("load requests answered", answered);
        return (answered, inFlight, killedAt, how);
    }

    /// <summary>The next operation for <paramref name="user"/>; <paramref name="favourChange"/> while an aimed kill waits for a password change.</summary>
    private static InFlight Choose(User user, Random random, bool favourChange)
    {
        var alive = user.Sessions;
        if (alive.Count == 0)
        {
            return new InFlight(Op.Login, user, null);
        }

        var session = alive[random.Next(alive.Count)];
        // Logins and password changes cost a password hash each (two for a change), so they take most of
        // the time; a change is only made with other sessions to end, so that its all-or-nothing means something.
        (Op Op, int Weight)[] weights =
        [
            (Op.Login, alive.Count < 3 ? 25 : alive.Count < 5 ? 6 : 1),
            (Op.Refresh, 40),
            (Op.Logout, 5),
            (Op.Blacklist, 5),
            (Op.Delete, 4),
            (Op.LogoutAll, 2),
            (Op.PasswordChange, alive.Count < 2 ? 0 : favourChange ? 80 : 8),
        ];
        var pick = random.Next(weights.Sum(w => w.Weight));
        var op = weights.First(w => (pick -= w.Weight) < 0).Op;
        return op switch
        {
            Op.Login => new InFlight(Op.Login, user, null),
            Op.LogoutAll => new InFlight(op, user, session) { Targets = [.. alive] },
            Op.PasswordChange => new InFlight(op, user, session)
            {
                Targets = alive.Where(other => other != session).ToList(),
                OldPassword = user.Password,
                NewPassword = $"pw-{user.Name}-{++user.Changes}",
            },
            _ => new InFlight(op, user, session),
        };
    }

    private static Task<Answer> ExecuteAsync(Api api, InFlight work)
    {
        var session = work.Session;
        return work.Op switch
        {
            Op.Login => api.LoginAsync(work.User.Name, work.User.Password),
            Op.Refresh => api.RefreshAsync(session!.Refresh),
            Op.Logout => api.LogoutAsync(session!.Access, session.Refresh),
            Op.Blacklist => api.BlacklistAsync(session!.Refresh),
            Op.Delete => api.DeleteSessionAsync(session!.Access, session.Id),
            Op.LogoutAll => api.LogoutAllAsync(session!.Access),
            Op.PasswordChange => api.ChangePasswordAsync(session!.Access, work.OldPassword!, work.NewPassword!),
            _ => throw new InvalidOperationException(work.Op.ToString()),
        };
    }

    private static int Expected(Op op) => op switch
    {
        Op.Login or Op.Refresh or Op.Blacklist => 200,
        Op.Logout or Op.LogoutAll => 205,
        Op.Delete or Op.PasswordChange => 204,
        _ => 0,
    };

    /// <summary>Updates the model with an answered request, or records the surprise and forgets what it touched.</summary>
    private void Apply(InFlight work, Answer answer, int crash, TimeSpan at)
    {
        figures.Add($"load: {Name(work.Op)} answered {answer.Status}");
        var when = string.Create(CultureInfo.InvariantCulture, $"crash {crash}, +{at.TotalSeconds:F2} s");
        if (!checks.Check(LoadAnswer, answer.Status == Expected(work.Op),
                () => $"{settings.Database}, {when}: {Name(work.Op)} by {work.User.Name}{(work.Session is { } s ? $" (session {Short(s.Id)})" : "")} answered {answer}, expected {Expected(work.Op)}", Name(work.Op)))
        {
            Forget(work);
            return;
        }

        var user = work.User;
        var session = work.Session;
        switch (work.Op)
        {
            case Op.Login:
                var access = answer.Field("access")!;
                user.Sessions.Add(new Session(Jwt.SessionId(access), user.Name, access, answer.Field("refresh")!));
                break;
            case Op.Refresh:
                _rotated.Add(new RotatedToken(session!.Refresh, session, crash, $"{when}: rotated out by a refresh answered 200"));
                session.Refresh = answer.Field("refresh")!;
                session.Access = answer.Field("access")!;
                break;
            case Op.Logout or Op.Blacklist or Op.Delete:
                End(user, session!, crash, $"{when}: ended by {Name(work.Op)} answered {answer.Status}", Name(work.Op));
                break;
            case Op.LogoutAll:
                foreach (var target in work.Targets!)
                {
                    End(user, target, crash, $"{when}: ended by logout-all answered 205", "logout-all");
                }

                break;
            case Op.PasswordChange:
                foreach (var target in work.Targets!)
                {
                    End(user, target, crash, $"{when}: ended by a password change (of another session) answered 204", "password change");
                }

                user.PreviousPassword = work.OldPassword;
                user.Password = work.NewPassword!;
                user.ChangedInCrash = crash;
                break;
        }
    }

    private void End(User user, Session session, int crash, string how, string by)
    {
        user.Sessions.Remove(session);
        _ended.Add(new EndedSession(session, session.Access, session.Refresh, crash, how, by));
    }

    /// <summary>After a surprise, what the request touched is no longer modelled (no cascade of failures from one).</summary>
    private static void Forget(InFlight work)
    {
        if (work.Session is { } session)
        {
            work.User.Sessions.Remove(session);
        }

        foreach (var target in work.Targets ?? [])
        {
            work.User.Sessions.Remove(target);
        }

        if (work.Op is Op.Login or Op.PasswordChange)
        {
            // The password the server holds is no longer known for sure.
            work.User.Retired = true;
        }
    }

    private async Task CheckAfterRestartAsync(Api api, int crash, List<InFlight> inFlight)
    {
        var resolved = new HashSet<Session>();
        foreach (var work in inFlight)
        {
            await ResolveInFlightAsync(api, crash, work, resolved);
        }

        var ended = _ended.Where(e => e.Crash == crash).Concat(Sample(_ended.Where(e => e.Crash < crash).ToList())).ToList();
        foreach (var e in ended)
        {
            var me = await api.MeAsync(e.Access);
            checks.Check(EndedAccess, me.Status == 401, () => $"{settings.Database}, after crash {crash}: session {Short(e.Session.Id)} of {e.Session.UserName} {e.How}; GET /api/me/ with its access token answered {me}", e.By);
            var verify = await api.VerifyAsync(e.Refresh);
            checks.Check(EndedRefresh, verify.Status == 401, () => $"{settings.Database}, after crash {crash}: session {Short(e.Session.Id)} of {e.Session.UserName} {e.How}; verify of its refresh token answered {verify}", e.By);
        }

        figures.Add("ended sessions checked after restarts", ended.Count);
        var rotated = _rotated.Where(r => r.Crash == crash).Concat(Sample(_rotated.Where(r => r.Crash < crash).ToList())).ToList();
        foreach (var r in rotated)
        {
            var verify = await api.VerifyAsync(r.Token);
            checks.Check(Rotated, verify.Status == 401, () => $"{settings.Database}, after crash {crash}: {Jwt.Describe(r.Token)}, {r.How}; verify answered {verify}");
        }

        figures.Add("rotated-out refresh tokens checked after restarts", rotated.Count);
        foreach (var user in _users.SelectMany(users => users).Where(user => !user.Retired))
        {
            foreach (var session in user.Sessions.Where(s => !resolved.Contains(s)).ToList())
            {
                var verify = await api.VerifyAsync(session.Refresh);
                var me = await api.MeAsync(session.Access);
                figures.Add("live sessions checked after restarts");
                if (!checks.Check(Alive, verify.Status == 200 && me.Status == 200,
                        () => $"{settings.Database}, after crash {crash}: session {Short(session.Id)} of {user.Name}, answered and never ended; verify of its refresh token answered {verify}, GET /api/me/ {me}"))
                {
                    user.Sessions.Remove(session);
                }
            }

            if (user.ChangedInCrash == crash && !inFlight.Any(work => work.User == user && work.Op is Op.PasswordChange or Op.Login))
            {
                var newLogin = await api.LoginAsync(user.Name, user.Password);
                var oldLogin = await api.LoginAsync(user.Name, user.PreviousPassword!);
                checks.Check(PasswordHolds, newLogin.Status == 200 && oldLogin.Status == 401,
                    () => $"{settings.Database}, after crash {crash}: {user.Name}'s change answered 204; login with the new password answered {newLogin}, with the old one {oldLogin}");
                AddLogin(user, newLogin);
                AddLogin(user, oldLogin);
            }
        }
    }

    /// <summary>Checks the request a client had in flight at the crash for all-or-nothing and brings the model up to date.</summary>
    private async Task ResolveInFlightAsync(Api api, int crash, InFlight work, HashSet<Session> resolved)
    {
        var user = work.User;
        var where = $"{settings.Database}, crash {crash}";
        switch (work.Op)
        {
            case Op.Login:
                // Its tokens never arrived: nothing to hold it to.
                break;

            case Op.Refresh:
            {
                var session = work.Session!;
                resolved.Add(session);
                var me = await api.MeAsync(session.Access);
                checks.Check(RefreshInFlight, me.Status == 200, () => $"{where}: a refresh of session {Short(session.Id)} of {user.Name} was in flight; afterwards its access token answered {me} at GET /api/me/");
                var verify = await api.VerifyAsync(session.Refresh);
                figures.Add($"in-flight refresh {(verify.Status == 200 ? "not committed" : "committed (or session lost)")}");
                if (verify.Status != 200 || me.Status != 200)
                {
                    // Committed: the successor never arrived, so the chain cannot go on.
                    user.Sessions.Remove(session);
                }

                break;
            }

            case Op.Logout or Op.Blacklist or Op.Delete or Op.LogoutAll:
            {
                var targets = work.Op == Op.LogoutAll ? work.Targets! : [work.Session!];
                var states = new List<(Session Session, Answer Me, Answer Verify)>();
                foreach (var target in targets)
                {
                    resolved.Add(target);
                    states.Add((target, await api.MeAsync(target.Access), await api.VerifyAsync(target.Refresh)));
                }

                var allEnded = states.All(s => s.Me.Status == 401 && s.Verify.Status == 401);
                var allAlive = states.All(s => s.Me.Status == 200 && s.Verify.Status == 200);
                figures.Add($"in-flight {Name(work.Op)} {(allEnded ? "committed" : allAlive ? "not committed" : "half done")}");
                checks.Check(EndInFlight, allEnded || allAlive, () => $"{where}: {Name(work.Op)} of {user.Name} was in flight; afterwards " +
                    string.Join("; ", states.Select(s => $"session {Short(s.Session.Id)}: GET /api/me/ {s.Me.Status}, verify {s.Verify.Status}")));
                foreach (var (target, me, verify) in states)
                {
                    if (me.Status == 401 && verify.Status == 401 && allEnded)
                    {
                        End(user, target, crash, $"crash {crash}: ended by a {Name(work.Op)} in flight at the crash (found committed)", Name(work.Op) + " in flight");
                    }
                    else if (!allAlive)
                    {
                        user.Sessions.Remove(target);
                    }
                }

                break;
            }

            case Op.PasswordChange:
            {
                var caller = work.Session!;
                resolved.Add(caller);
                var newLogin = await api.LoginAsync(user.Name, work.NewPassword!);
                var oldLogin = await api.LoginAsync(user.Name, work.OldPassword!);
                var states = new List<(Session Session, Answer Me, Answer Verify)>();
                foreach (var target in work.Targets!)
                {
                    resolved.Add(target);
                    states.Add((target, await api.MeAsync(target.Access), await api.VerifyAsync(target.Refresh)));
                }

                var callerMe = await api.MeAsync(caller.Access);
                var callerVerify = await api.VerifyAsync(caller.Refresh);
                var happened = newLogin.Status == 200 && oldLogin.Status == 401;
                var notHappened = oldLogin.Status == 200 && newLogin.Status == 401;
                var othersEnded = states.All(s => s.Me.Status == 401 && s.Verify.Status == 401);
                var othersAlive = states.All(s => s.Me.Status == 200 && s.Verify.Status == 200);
                var callerAlive = callerMe.Status == 200 && callerVerify.Status == 200;
                figures.Add($"in-flight password change {(happened ? "happened" : notHappened ? "did not happen" : "unclear")}" +
                    (happened && !othersEnded ? ", other sessions NOT all ended" : "") + $" ({states.Count} other sessions)");
                checks.Check(PasswordInFlight, ((happened && othersEnded) || (notHappened && othersAlive)) && callerAlive, () =>
                    $"{where}: {user.Name}'s password change was in flight with {states.Count} other live session(s); afterwards login with the new password answered {newLogin.Status}, " +
                    $"with the old {oldLogin.Status}; the caller's session: GET /api/me/ {callerMe.Status}, verify {callerVerify.Status}; other sessions: " +
                    (states.Count == 0 ? "none" : string.Join("; ", states.Select(s => $"{Short(s.Session.Id)}: GET /api/me/ {s.Me.Status}, verify {s.Verify.Status}"))));
                if (happened)
                {
                    user.PreviousPassword = work.OldPassword;
                    user.Password = work.NewPassword!;
                    foreach (var (target, me, verify) in states)
                    {
                        if (me.Status == 401 && verify.Status == 401)
                        {
                            End(user, target, crash, $"crash {crash}: ended by a password change in flight at the crash (found committed)", "password change in flight");
                        }
                        else
                        {
                            user.Sessions.Remove(target);
                        }
                    }
                }
                else if (!notHappened)
                {
                    user.Retired = true;
                    break;
                }

                if (!callerAlive)
                {
                    user.Sessions.Remove(caller);
                }

                AddLogin(user, newLogin);
                AddLogin(user, oldLogin);
                break;
            }
        }
    }

    private static void AddLogin(User user, Answer login)
    {
        if (login.Status == 200 && login.Field("access") is { } access && login.Field("refresh") is { } refresh)
        {
            user.Sessions.Add(new Session(Jwt.SessionId(access), user.Name, access, refresh));
        }
    }

    /// <summary>Up to --recheck entries answered before earlier crashes, checked again: a revocation must hold after every later restart too.</summary>
    private List<T> Sample<T>(List<T> older)
    {
        if (older.Count <= _recheck)
        {
            return older;
        }

        return older.OrderBy(_ => _random.Next()).Take(_recheck).ToList();
    }

    private static string Name(Op op) => op switch
    {
        Op.Login => "login",
        Op.Refresh => "refresh",
        Op.Logout => "logout",
        Op.Blacklist => "blacklist",
        Op.Delete => "session delete",
        Op.LogoutAll => "logout-all",
        Op.PasswordChange => "password change",
        _ => op.ToString(),
    };

    private static string Short(string id) => id.Length > 12 ? id[..12] + "…" : id;

    private sealed class User(string name, string password)
    {
        public string Name { get; } = name;

        public string Password { get; set; } = password;

        public string? PreviousPassword { get; set; }

        /// <summary>The crash whose load answered this user's latest password change (0: none).</summary>
        public int ChangedInCrash { get; set; }

        public int Changes { get; set; }

        /// <summary>Live sessions: answered by a login or refresh and never ended.</summary>
        public List<Session> Sessions { get; } = [];

        /// <summary>No longer used: a surprise left its password unknown.</summary>
        public bool Retired { get; set; }
    }

    private sealed class Session(string id, string userName, string access, string refresh)
    {
        public string Id { get; } = id;

        public string UserName { get; } = userName;

        public string Access { get; set; } = access;

        public string Refresh { get; set; } = refresh;
    }

    private sealed record EndedSession(Session Session, string Access, string Refresh, int Crash, string How, string By);

    private sealed record RotatedToken(string Token, Session Session, int Crash, string How);

    private sealed record InFlight(Op Op, User User, Session? Session)
    {
        public List<Session>? Targets { get; init; }

        public string? OldPassword { get; init; }

        public string? NewPassword { get; init; }
    }
}
