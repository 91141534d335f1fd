using System.Diagnostics;

namespace JwtAuth.Reliability;

/// <summary>
/// The concurrency campaign, against one running server: (1) a refresh and a session end of the
/// same session sent together (logout, blacklist, logout-all, DELETE /api/sessions/{id}/);
/// (2) a password change with logins by the old password started around it; (3) the same
/// username registered several times at once. Counts answers 5xx, sessions that survive an end
/// they should not, duplicate users, and the losing registrations' status.
/// </summary>
internal sealed class ConcurrencyCampaign(Settings settings, Checks checks, Figures figures, TextWriter output)
{
    public const string No5xx = "no answer 5xx";
    public const string PairEnded = "refresh + session end: a session whose end was answered is ended (old and new tokens refused)";
    public const string OldPasswordSession = "password change vs old-password logins: no session created with the old password survives (its refresh fails, its access token is refused)";
    public const string PasswordChanged = "password change vs logins: afterwards the new password logs in and the old one is refused";
    public const string OneWinner = "duplicate registrations: exactly one answered 201";
    public const string Loser400 = "duplicate registrations: every loser answered 400";
    public const string NoDuplicate = "duplicate registrations: one user per username in the database (users list)";

    private static readonly string[] EndKinds = ["logout", "blacklist", "logout-all", "session delete"];
    private readonly Random _random = new(settings.Seed);
    private readonly int _pairs = settings.Options.Int("pairs", 10);
    private readonly int _parallel = settings.Options.Int("parallel", 4);
    private readonly int _passwordTrials = settings.Options.Int("password-trials", 6);
    private readonly int _oldLogins = settings.Options.Int("old-logins", 4);
    private readonly int _registrationTrials = settings.Options.Int("registration-trials", 8);
    private readonly int _registrants = settings.Options.Int("registrants", 4);

    public async Task RunAsync()
    {
        foreach (var kind in (string[])[No5xx, PairEnded, OldPasswordSession, PasswordChanged, OneWinner, Loser400, NoDuplicate])
        {
            checks.Declare(kind);
        }

        output.WriteLine($"concurrency campaign on {settings.Database}: {_pairs} pairs per session end x {_parallel} at once, {_passwordTrials} password changes x {_oldLogins} old-password logins, " +
            $"{_registrationTrials} usernames x {_registrants} registrations, seed {settings.Seed}");
        using var server = new ServerProcess(settings);
        var (started, took, error) = await server.StartAsync();
        if (!started)
        {
            throw new InvalidOperationException($"the server did not start ({took.TotalSeconds:F1} s): {error}");
        }

        using var api = new Api(server.BaseUrl);
        var clock = Stopwatch.StartNew();
        await RegistrationsAsync(api);
        output.WriteLine($"  duplicate registrations done at {clock.Elapsed.TotalSeconds:F0} s");
        await PairsAsync(api);
        output.WriteLine($"  refresh + session end pairs done at {clock.Elapsed.TotalSeconds:F0} s");
        await PasswordChangesAsync(api);
        output.WriteLine($"  password change vs logins done at {clock.Elapsed.TotalSeconds:F0} s");
        server.KillHard();
        await CountUsersAsync();
        figures.Add("campaign seconds", (long)clock.Elapsed.TotalSeconds);
    }

    private string Where => settings.Database;

    /// <summary>One check per answer; <paramref name="group"/> names the request for the figures and the examples.</summary>
    private void NoServerError(string group, string what, Answer answer)
    {
        if (answer.Is5xx)
        {
            figures.Add($"answers 5xx: {group} {answer.Status}");
        }

        checks.Check(No5xx, !answer.Is5xx, () => $"{Where}: {what} answered {answer} after {answer.Took.TotalMilliseconds:F0} ms", group);
    }

    /// <summary>Runs the given requests at the same moment: each waits on one gate that opens when all are ready.</summary>
    private static async Task<Answer[]> TogetherAsync(params Func<Task<Answer>>[] requests)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = requests.Select(request => Task.Run(async () =>
        {
            await gate.Task;
            return await request();
        })).ToList();
        gate.SetResult();
        return await Task.WhenAll(tasks);
    }

    private async Task RegistrationsAsync(Api api)
    {
        for (var trial = 0; trial < _registrationTrials; trial++)
        {
            var name = $"dup{settings.Seed}-{trial}";
            var answers = await TogetherAsync(Enumerable.Range(0, _registrants)
                .Select(i => (Func<Task<Answer>>)(() => api.RegisterAsync(name, $"pw-{name}-{i}"))).ToArray());
            foreach (var answer in answers)
            {
                NoServerError("duplicate registration", $"registering '{name}' ({_registrants} at once)", answer);
                figures.Add($"registrations of one name at once: answered {answer.Status}");
            }

            var winners = answers.Count(answer => answer.Status == 201);
            checks.Check(OneWinner, winners == 1, () => $"{Where}: {_registrants} registrations of '{name}' at once answered {string.Join(", ", answers.Select(a => a.Status))}");
            if (winners == 1)
            {
                foreach (var loser in answers.Where(answer => answer.Status != 201))
                {
                    checks.Check(Loser400, loser.Status == 400, () => $"{Where}: a losing registration of '{name}' answered {loser} (the others: {string.Join(", ", answers.Select(a => a.Status))})");
                }
            }
        }
    }

    /// <summary>Counts the users of each campaign username with the server's own <c>users list</c> on the same database.</summary>
    private async Task CountUsersAsync()
    {
        var (exitCode, text) = await ServerProcess.RunCommandAsync(settings, "users", "list");
        var names = text.Split('\n').Select(line => line.Split(' ', 2)[0]).ToList();
        for (var trial = 0; trial < _registrationTrials; trial++)
        {
            var name = $"dup{settings.Seed}-{trial}";
            var count = names.Count(n => n == name);
            checks.Check(NoDuplicate, exitCode == 0 && count == 1,
                () => exitCode != 0 ? $"{Where}: users list exited with {exitCode}: {Answer.Shorten(text, 300)}" : $"{Where}: users list shows {count} users named '{name}'");
        }
    }

    private async Task PairsAsync(Api api)
    {
        var users = new List<(string Name, string Password)>();
        for (var slot = 0; slot < _parallel; slot++)
        {
            var user = ($"pair{settings.Seed}-{slot}", $"pw-pair{settings.Seed}-{slot}");
            var answer = await api.RegisterAsync(user.Item1, user.Item2);
            if (answer.Status != 201)
            {
                throw new InvalidOperationException($"registering {user.Item1} answered {answer}");
            }

            users.Add(user);
        }

        foreach (var kind in EndKinds)
        {
            await Task.WhenAll(users.Select(user => Task.Run(async () =>
            {
                for (var trial = 0; trial < (_pairs + _parallel - 1) / _parallel; trial++)
                {
                    await PairAsync(api, kind, user.Name, user.Password);
                }
            })));
        }
    }

    private async Task PairAsync(Api api, string kind, string userName, string password)
    {
        var login = await api.LoginAsync(userName, password);
        NoServerError("pair: login", $"login of {userName}", login);
        if (login.Status != 200)
        {
            figures.Add($"pairs: login answered {login.Status}");
            return;
        }

        var access = login.Field("access")!;
        var refresh = login.Field("refresh")!;
        var sessionId = Jwt.SessionId(access);
        Func<Task<Answer>> end = kind switch
        {
            "logout" => () => api.LogoutAsync(access, refresh),
            "blacklist" => () => api.BlacklistAsync(refresh),
            "logout-all" => () => api.LogoutAllAsync(access),
            _ => () => api.DeleteSessionAsync(access, sessionId),
        };
        var answers = await TogetherAsync(() => api.RefreshAsync(refresh), end);
        var (refreshed, ended) = (answers[0], answers[1]);
        NoServerError($"pair: refresh racing a {kind}", $"refresh sent together with a {kind} of the same session", refreshed);
        NoServerError($"pair: {kind} racing a refresh", $"{kind} sent together with a refresh of the same session", ended);
        figures.Add($"pairs, {kind}: refresh {refreshed.Status} + {kind} {ended.Status}");

        // Ended: the end answered 2xx, or (blacklist) it found the token already rotated out: reuse ends the session too.
        var reuse = kind == "blacklist" && ended.Status == 401 && refreshed.Status == 200;
        if (!ended.IsSuccess && !reuse)
        {
            var me = await api.MeAsync(access);
            figures.Add($"pairs, {kind} answered {ended.Status}: session {(me.Status == 200 ? "alive" : "ended")} afterwards");
            return;
        }

        var findings = new List<string>();
        var oldMe = await api.MeAsync(access);
        if (oldMe.Status != 401)
        {
            findings.Add($"its access token: GET /api/me/ {oldMe.Status}");
        }

        var oldVerify = await api.VerifyAsync(refresh);
        if (oldVerify.Status != 401)
        {
            findings.Add($"its refresh token: verify {oldVerify.Status}");
        }

        if (refreshed.Status == 200)
        {
            var newMe = await api.MeAsync(refreshed.Field("access")!);
            if (newMe.Status != 401)
            {
                findings.Add($"the refreshed access token: GET /api/me/ {newMe.Status}");
            }

            var newRefresh = await api.RefreshAsync(refreshed.Field("refresh")!);
            NoServerError("pair: refresh of the successor", $"refresh of a token issued by a refresh racing a {kind}", newRefresh);
            if (newRefresh.Status == 200)
            {
                findings.Add("the refreshed refresh token: refresh 200 (a working successor)");
            }
        }

        checks.Check(PairEnded, findings.Count == 0, () =>
            $"{Where}: refresh ({refreshed.Status}, {refreshed.Took.TotalMilliseconds:F0} ms) + {kind} ({ended.Status}, {ended.Took.TotalMilliseconds:F0} ms) of session {sessionId[..12]}…{(reuse ? " (blacklist found the token rotated out: reuse)" : "")}; afterwards {string.Join("; ", findings)}");
    }

    private async Task PasswordChangesAsync(Api api)
    {
        // How long a password change takes here: the logins are spread over it, so that some check the
        // old password just before the change commits.
        var calibration = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            var (name, password) = await NewUserAsync(api, $"calib{settings.Seed}-{i}");
            var login = await api.LoginAsync(name, password);
            var change = await api.ChangePasswordAsync(login.Field("access")!, password, password + "-new");
            calibration.Add(change.Took.TotalMilliseconds);
        }

        var duration = calibration.Order().ElementAt(1);
        figures.Add("password change duration, calibration median (ms)", (long)duration);
        for (var trial = 0; trial < _passwordTrials; trial++)
        {
            var (name, oldPassword) = await NewUserAsync(api, $"pwd{settings.Seed}-{trial}");
            var newPassword = oldPassword + "-changed";
            var first = await api.LoginAsync(name, oldPassword);
            if (first.Status != 200)
            {
                throw new InvalidOperationException($"login of {name} answered {first}");
            }

            var offsets = Enumerable.Range(0, _oldLogins).Select(_ => (0.3 + (0.8 * _random.NextDouble())) * duration).ToArray();
            var requests = new List<Func<Task<Answer>>> { () => api.ChangePasswordAsync(first.Field("access")!, oldPassword, newPassword) };
            requests.AddRange(offsets.Select(offset => (Func<Task<Answer>>)(async () =>
            {
                await Task.Delay(TimeSpan.FromMilliseconds(offset));
                return await api.LoginAsync(name, oldPassword);
            })));
            var answers = await TogetherAsync([.. requests]);
            var change = answers[0];
            NoServerError("password change racing logins", $"password change of {name} with old-password logins around it", change);
            figures.Add($"password change racing logins answered {change.Status}");
            for (var i = 1; i < answers.Length; i++)
            {
                NoServerError("old-password login racing a change", $"old-password login of {name} around a password change", answers[i]);
                figures.Add($"old-password logins around a change answered {answers[i].Status}");
            }

            if (change.Status != 204)
            {
                continue;
            }

            for (var i = 1; i < answers.Length; i++)
            {
                var login = answers[i];
                if (login.Status != 200)
                {
                    continue;
                }

                var access = login.Field("access")!;
                var me = await api.MeAsync(access);
                var refresh = await api.RefreshAsync(login.Field("refresh")!);
                NoServerError("refresh of an old-password session", $"refresh of an old-password session of {name}", refresh);
                var offset = offsets[i - 1];
                checks.Check(OldPasswordSession, me.Status == 401 && refresh.Status != 200, () =>
                    $"{Where}: {name}: password change answered 204 after {change.Took.TotalMilliseconds:F0} ms; a login with the old password sent {offset:F0} ms after the change answered 200 after {login.Took.TotalMilliseconds:F0} ms " +
                    $"(session {Jwt.SessionId(access)[..12]}…); afterwards its access token: GET /api/me/ {me.Status}, its refresh token: refresh {refresh.Status}");
            }

            var withNew = await api.LoginAsync(name, newPassword);
            var withOld = await api.LoginAsync(name, oldPassword);
            checks.Check(PasswordChanged, withNew.Status == 200 && withOld.Status == 401,
                () => $"{Where}: {name}: after the change answered 204, login with the new password answered {withNew}, with the old {withOld}");
        }
    }

    private static async Task<(string Name, string Password)> NewUserAsync(Api api, string name)
    {
        var password = $"pw-{name}";
        var answer = await api.RegisterAsync(name, password);
        return answer.Status == 201 ? (name, password) : throw new InvalidOperationException($"registering {name} answered {answer}");
    }
}
