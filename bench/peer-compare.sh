#!/usr/bin/env bash
# HTTP throughput of the JwtAuth server against the SimpleJWT reference peer, path by path.
#
# Builds src/JwtAuth.Server in Release and starts it from its bin folder (Production, SQLite in a
# temp dir, rate limits off, users alice and bob registered through POST /api/register/), and the
# SimpleJWT peer from shared/peer beside the repo (run-django.sh: Django REST framework SimpleJWT
# on gunicorn, 2 sync workers, SQLite, the same users). Both rotate refresh tokens and blacklist
# the rotated-out one, with the same token lifetimes. Checks that each answers 200 to one request
# of every kind, warms both up, then loads them with wrk in ROUNDS rounds, alternating which
# server goes first, on:
#   me          GET  /api/me/ with a bearer access token        wrk -tTHREADS -cCONNECTIONS
#   verify      POST /api/token/verify/ with an access token    wrk -tTHREADS -cCONNECTIONS
#   refresh-4   POST /api/token/refresh/, 4 rotation chains     wrk -t4 -c4   (bench/refresh-chain.lua)
#   refresh-32  the same with 32 chains                         wrk -t32 -c32
#   login       POST /api/token/                                wrk -tTHREADS -cLOGIN_CONNECTIONS
# A chain is one client refreshing its own session: one wrk thread with one connection, seeded
# with the refresh token of its own login (made before the run, not measured), presenting the
# token from each answer in the next request. Unless POSTGRES=0 it also starts a throw-away
# PostgreSQL (initdb into a temp dir, as the postgres user when run as root) and a second JwtAuth
# server on it, and runs refresh-32 against that one in the same rounds (the peer stays on its
# SQLite). Prints every run, a table of the rounds, and last one line per path with the medians
# over the rounds: the median of the per-round ratios and the median requests/s of each server
#     me: jwtauth/simplejwt 23.4x (jwtauth 18000 req/s, simplejwt 770 req/s)
#     ... verify, refresh-4, refresh-32, login ...
#     refresh-4 p99: jwtauth X ms, simplejwt Y ms
#     refresh-32 (postgres): jwtauth/simplejwt Nx (...)
# For refresh, req/s counts successful rotations only. Login measures each server's password
# hasher as much as the server (JwtAuth: ASP.NET Core Identity, PBKDF2-SHA512 100000 iterations;
# the peer: Django's PBKDF2-SHA256, 260000 iterations in Django 3.2). With rate limits off the
# server's hashing concurrency limit is off too, so all LOGIN_CONNECTIONS logins hash at once and
# finish together (the peer's 2 sync workers take them 2 at a time): a run shorter than a few such
# batches shows few or no logins, and the batch in flight at the end is lost. Hence login runs
# with 4 connections by default: enough to keep both cores hashing on either server (the peer has
# 2 workers, a hash is all CPU), few enough that a 10 s run completes many logins.
#
# Any non-2xx answer under load is a finding, not noise: the run goes on, prints it (for refresh,
# each broken chain: a 401 means the server refused the chain's current token) and at the end
# lists every such run and exits with status 1.
#
# Environment (all optional):
#   ROUNDS=3  DURATION=10s  WARMUP=5s  THREADS=2  CONNECTIONS=32  WRK_TIMEOUT=10s
#   LOGIN_CONNECTIONS=4
#   POSTGRES=1     (0: no PostgreSQL part)
#   SKIP_BUILD=1   (use the server already built in Release)
#   PEER_WORKERS=2 (gunicorn workers of the peer, read by run-django.sh)
#
# Needs dotnet, curl, wrk, the peer's packages (apt-get install -y wrk gunicorn
# python3-djangorestframework-simplejwt) and, for the PostgreSQL part, PostgreSQL's server
# binaries (apt-get install -y postgresql). Installs nothing. Sends traffic to 127.0.0.1 only;
# every wrk run is bounded by its duration. Stops every server and removes every temp dir on
# exit. Takes about 9 minutes with the defaults.
set -euo pipefail

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-5s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
LOGIN_CONNECTIONS=${LOGIN_CONNECTIONS:-4}
WRK_TIMEOUT=${WRK_TIMEOUT:-10s}
POSTGRES=${POSTGRES:-1}
SKIP_BUILD=${SKIP_BUILD:-0}

readonly HOST=127.0.0.1
readonly JSON='Content-Type: application/json'
readonly USERS=(alice bob)
declare -A PASSWORD=([alice]=alice-password-1 [bob]=bob-password-1)

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
shared=$(cd "$root/.." && pwd)/shared
peer_dir=$shared/peer
server_project=$root/src/JwtAuth.Server
server_bin=$server_project/bin/Release/net10.0
chain_script=$root/bench/refresh-chain.lua

die() {
    echo "peer-compare.sh: $*" >&2
    exit 1
}

source "$root/bench/lib.sh"
require_tools
[[ -x $peer_dir/run-django.sh && -x $peer_dir/stop.sh && -f $peer_dir/bench-report.lua ]] \
    || die "the SimpleJWT peer is not at $peer_dir (shared/peer beside the repo)"
[[ $ROUNDS =~ ^[1-9][0-9]*$ ]] || die "ROUNDS must be a positive integer"
[[ $POSTGRES == 0 || $POSTGRES == 1 ]] || die "POSTGRES must be 0 or 1"
for count in THREADS CONNECTIONS LOGIN_CONNECTIONS; do
    [[ ${!count} =~ ^[1-9][0-9]*$ ]] || die "$count must be a positive integer"
done
duration_seconds=$(seconds_of "$DURATION")
warmup_seconds=$(seconds_of "$WARMUP")
wrk_timeout_seconds=$(seconds_of "$WRK_TIMEOUT")
if [[ $POSTGRES == 1 ]]; then
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -V | tail -n 1)
    [[ -n $pg_bin && -x $pg_bin/initdb ]] \
        || die "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin (apt-get install -y postgresql, or POSTGRES=0)"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/jwtauth-peer-compare.XXXXXX")
pg_dir=
pg_started=0
peer_pid=
declare -A PORT PID
jwtauth_pids=()

# Run as the postgres user when root (PostgreSQL refuses to run as root).
as_pg() {
    if [[ $(id -u) == 0 ]]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

cleanup() {
    local pid
    for pid in "${jwtauth_pids[@]}"; do
        kill -TERM "$pid" 2> /dev/null || true
    done
    for pid in "${jwtauth_pids[@]}"; do
        # A server that has not stopped within 10 s is killed.
        for _ in $(seq 50); do
            kill -0 "$pid" 2> /dev/null || break
            sleep 0.2
        done
        kill -KILL "$pid" 2> /dev/null || true
        wait "$pid" 2> /dev/null || true
    done
    jwtauth_pids=()
    if [[ -n $peer_pid ]]; then
        "$peer_dir/stop.sh" "$peer_pid" > /dev/null 2>&1 || true
        peer_pid=
    fi
    if [[ $pg_started == 1 ]]; then
        as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w stop > /dev/null 2>&1 || true
        pg_started=0
    fi
    [[ -n $pg_dir ]] && rm -rf "$pg_dir"
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 LC_ALL=C

# ---- build ------------------------------------------------------------------------------------
if [[ $SKIP_BUILD != 1 ]]; then
    echo "building JwtAuth.Server (Release)..."
    if ! dotnet build "$server_project" -c Release --nologo -v q > "$work/build.log" 2>&1; then
        cat "$work/build.log" >&2
        die "build of $server_project failed"
    fi
fi
[[ -f $server_bin/JwtAuth.Server.dll ]] || die "server not built (run without SKIP_BUILD=1)"

# ---- start ------------------------------------------------------------------------------------
# A loopback port nothing listens on now. A server that loses the race for it fails to bind and
# exits, which the start-up checks catch.
free_port() {
    local port
    for _ in $(seq 100); do
        port=$(( 20000 + RANDOM % 40000 ))
        if ! (exec 3<> "/dev/tcp/$HOST/$port") 2> /dev/null; then
            echo "$port"
            return 0
        fi
    done
    die "no free loopback port found"
}

# HTTP status of a request to server NAME; the body goes to file OUT. status NAME PATH OUT CURL-ARGS...
status() {
    local name=$1 path=$2 out=$3
    shift 3
    curl -s -o "$out" -w '%{http_code}' --max-time 30 "$@" "http://$HOST:${PORT[$name]}$path" 2> /dev/null || echo 000
}

# A string field of the JSON object in a file: field NAME FILE.
field() {
    sed -n "s/.*\"$1\" *: *\"\([^\"]*\)\".*/\1/p" "$2" | head -n 1
}

server_died() {
    local name=$1
    echo "--- $name output ---" >&2
    tail -n 40 "$work/$name.log" >&2 || true
    die "$name exited"
}

signing_key=$(head -c 48 /dev/urandom | base64 | tr -d '\n')   # 64 characters

# start_jwtauth NAME PROVIDER CONNECTION-STRING: one server from its bin folder, alice and bob registered.
start_jwtauth() {
    local name=$1 provider=$2 connection=$3 port pid answer user
    port=$(free_port)
    echo "starting $name ($provider) on $HOST:$port..."
    (
        cd "$server_bin"
        exec env ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production \
            ASPNETCORE_URLS="http://$HOST:$port" \
            Logging__LogLevel__Default=Warning \
            RateLimiting__Enabled=false \
            JwtAuth__SigningKey="$signing_key" \
            Database__Provider="$provider" \
            ConnectionStrings__Default="$connection" \
            dotnet JwtAuth.Server.dll
    ) > "$work/$name.log" 2>&1 &
    pid=$!
    jwtauth_pids+=("$pid")
    PORT[$name]=$port
    PID[$name]=$pid
    for _ in $(seq 300); do
        answer=$(status "$name" /api/me/ /dev/null)
        [[ $answer == 401 ]] && break
        kill -0 "$pid" 2> /dev/null || server_died "$name"
        sleep 0.2
    done
    [[ $answer == 401 ]] || die "$name did not answer within 60 s (GET /api/me/ without a token: $answer)"
    for user in "${USERS[@]}"; do
        answer=$(status "$name" /api/register/ "$work/register.json" -X POST -H "$JSON" \
            -d "{\"username\": \"$user\", \"password\": \"${PASSWORD[$user]}\"}")
        [[ $answer == 201 ]] || die "$name: registering $user answered $answer $(cat "$work/register.json")"
    done
}

start_jwtauth jwtauth Sqlite "Data Source=$work/jwtauth.db"

if [[ $POSTGRES == 1 ]]; then
    pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/jwtauth-peer-compare-pg.XXXXXX")
    [[ $(id -u) == 0 ]] && chown postgres "$pg_dir"
    pg_port=$(free_port)
    echo "starting PostgreSQL ($pg_bin) on $HOST:$pg_port..."
    as_pg "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust -E UTF8 --locale=C > "$work/initdb.log" 2>&1 \
        || { cat "$work/initdb.log" >&2; die "initdb failed"; }
    pg_started=1
    as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/postgres.log" -w -t 60 \
        -o "-p $pg_port -k $pg_dir -c listen_addresses=$HOST -c max_connections=200" start > /dev/null \
        || { cat "$pg_dir/postgres.log" >&2; die "PostgreSQL did not start"; }
    as_pg "$pg_bin/psql" -h "$pg_dir" -p "$pg_port" -U postgres -qc "CREATE DATABASE jwtauth" postgres
    start_jwtauth jwtauth-pg Postgres "Host=$HOST;Port=$pg_port;Username=postgres;Database=jwtauth"
fi

PORT[simplejwt]=$(free_port)
echo "starting simplejwt (shared/peer) on $HOST:${PORT[simplejwt]}..."
peer_pid=$(JWT_SIGNING_KEY=$signing_key "$peer_dir/run-django.sh" "${PORT[simplejwt]}" 2> "$work/simplejwt.log") \
    || { cat "$work/simplejwt.log" >&2; die "the SimpleJWT peer did not start"; }
PID[simplejwt]=$peer_pid

servers=(jwtauth simplejwt)
[[ $POSTGRES == 1 ]] && servers+=(jwtauth-pg)

alive() {
    if ! kill -0 "${PID[$1]}" 2> /dev/null; then
        [[ $1 == simplejwt ]] && die "the SimpleJWT peer (gunicorn ${PID[$1]}) exited"
        server_died "$1"
    fi
}

# ---- requests ---------------------------------------------------------------------------------
# login NAME USER OUT: the status of POST /api/token/, the pair in OUT.
login() {
    status "$1" /api/token/ "$3" -X POST -H "$JSON" -d "{\"username\": \"$2\", \"password\": \"${PASSWORD[$2]}\"}"
}

# A fresh access token of alice on server NAME (tokens live 5 minutes in both servers, so each
# run gets its own).
access_token() {
    local answer token
    answer=$(login "$1" alice "$work/access.json")
    token=$(field access "$work/access.json")
    [[ $answer == 200 && -n $token ]] || die "$1: login as alice answered $answer $(cat "$work/access.json")"
    echo "$token"
}

# chain_tokens NAME N FILE: N refresh tokens, each from its own login (alice and bob in turn), four
# logins at a time, one per line in FILE.
chain_tokens() {
    local name=$1 n=$2 file=$3 i batch=() answer token
    for i in $(seq "$n"); do
        login "$name" "${USERS[i % 2]}" "$work/chain.$i.json" > "$work/chain.$i.status" &
        batch+=($!)
        if (( ${#batch[@]} == 4 || i == n )); then
            wait "${batch[@]}"
            batch=()
        fi
    done
    : > "$file"
    for i in $(seq "$n"); do
        answer=$(cat "$work/chain.$i.status")
        token=$(field refresh "$work/chain.$i.json")
        [[ $answer == 200 && -n $token ]] || die "$name: login $i of $n for the refresh chains answered $answer $(cat "$work/chain.$i.json")"
        echo "$token" >> "$file"
    done
}

# ---- check ------------------------------------------------------------------------------------
check_server() {
    local name=$1 answer access refresh
    alive "$name"
    answer=$(login "$name" alice "$work/check.json")
    access=$(field access "$work/check.json")
    refresh=$(field refresh "$work/check.json")
    [[ $answer == 200 && -n $access && -n $refresh ]] || die "$name: POST /api/token/ answered $answer $(cat "$work/check.json") (expected 200 with a pair)"
    answer=$(status "$name" /api/me/ "$work/check.json" -H "Authorization: Bearer $access")
    [[ $answer == 200 ]] || die "$name: GET /api/me/ with the access token answered $answer $(cat "$work/check.json")"
    answer=$(status "$name" /api/token/verify/ "$work/check.json" -X POST -H "$JSON" -d "{\"token\": \"$access\"}")
    [[ $answer == 200 ]] || die "$name: POST /api/token/verify/ answered $answer $(cat "$work/check.json")"
    answer=$(status "$name" /api/token/refresh/ "$work/check.json" -X POST -H "$JSON" -d "{\"refresh\": \"$refresh\"}")
    [[ $answer == 200 && -n $(field refresh "$work/check.json") ]] \
        || die "$name: POST /api/token/refresh/ answered $answer $(cat "$work/check.json") (expected 200 with a rotated refresh token)"
    echo "$name: 200 to login, me, verify and refresh (rotated)"
}
for name in "${servers[@]}"; do
    check_server "$name"
done

# ---- load -------------------------------------------------------------------------------------
export BENCH_DIR=$peer_dir
results=$work/results.tsv
findings=$work/findings.txt
: > "$results"
: > "$findings"

# A value of wrk's BENCH or CHAINS line: val KEY LINE.
val() {
    tr ' ' '\n' <<< "$2" | sed -n "s/^$1=//p"
}

# measure ROUND PATH NAME FIRST SECONDS: one wrk run; prints it, appends it to results.tsv unless
# ROUND is "warm-up", and records every non-2xx answer or broken chain in findings.txt.
measure() {
    local round=$1 what=$2 name=$3 first=$4 duration=$5 url out line chains rps p99 non2xx broken threads connections script
    url=http://$HOST:${PORT[$name]}
    out=$work/wrk-$name-$what.txt
    threads=$THREADS connections=$CONNECTIONS broken=0
    case $what in
        me) script=$peer_dir/bench-me.lua ACCESS_TOKEN=$(access_token "$name") ;;
        verify) script=$peer_dir/bench-verify.lua ACCESS_TOKEN=$(access_token "$name") ;;
        login)
            script=$peer_dir/bench-login.lua connections=$LOGIN_CONNECTIONS
            (( threads <= connections )) || threads=$connections ;;
        refresh-*)
            script=$chain_script threads=${what#refresh-} connections=${what#refresh-}
            chain_tokens "$name" "$threads" "$work/chains.txt" ;;
    esac
    alive "$name"
    if ! ACCESS_TOKEN=${ACCESS_TOKEN-} CHAIN_TOKENS=$work/chains.txt BENCH_USER=alice BENCH_PASS=${PASSWORD[alice]} \
        timeout --kill-after=5 $(( duration + wrk_timeout_seconds + 30 )) \
        wrk -t"$threads" -c"$connections" -d"${duration}s" --timeout "$WRK_TIMEOUT" -s "$script" "$url" > "$out" 2>&1; then
        cat "$out" >&2
        die "wrk against $name ($what) failed"
    fi
    line=$(grep '^BENCH ' "$out" || true)
    [[ -n $line ]] || { cat "$out" >&2; die "no BENCH line in wrk's output for $name ($what)"; }
    rps=$(val rps "$line") p99=$(val p99_ms "$line") non2xx=$(val non2xx "$line")
    if [[ $what == refresh-* ]]; then
        chains=$(grep '^CHAINS ' "$out" || true)
        [[ -n $chains ]] || { cat "$out" >&2; die "no CHAINS line in wrk's output for $name ($what)"; }
        rps=$(val rotations_per_s "$chains") broken=$(val broken "$chains")
        non2xx=$(( non2xx > $(val failed "$chains") ? non2xx : $(val failed "$chains") ))
    fi
    printf '  %-8s %-21s %-10s %9.1f req/s  p99 %7.2f ms' "$round" "$what" "$name" "$rps" "$p99"
    if (( non2xx > 0 || broken > 0 )); then
        printf '  FAILURES: %d non-2xx, %d broken chain(s)\n' "$non2xx" "$broken"
        {
            echo "round $round, $what, $name ($(sed -n 's/^ *\([0-9]* threads and [0-9]* connections\)/\1/p' "$out")): $non2xx non-2xx, $broken of ${threads} chain(s) broken"
            grep -E '^(BENCH|CHAINS|CHAIN) |requests in|Non-2xx|Socket errors' "$out" | sed 's/^ */    /'
        } >> "$findings"
    else
        echo
    fi
    if [[ $(val requests "$line") == 0 ]]; then
        echo "    note: $name ($what): no request completed within ${duration} s (lengthen DURATION; for login see LOGIN_CONNECTIONS)"
    fi
    if grep -q 'Socket errors' "$out"; then
        echo "    note: $name ($what): $(grep 'Socket errors' "$out" | sed 's/^ *//')"
    fi
    [[ $round == warm-up ]] || printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$what" "$name" "$first" "$rps" "$p99" >> "$results"
}

echo
echo "date:        $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine:     $(nproc) cores, $(lscpu 2> /dev/null | sed -n 's/^Model name: *//p' | head -n 1)"
echo "dotnet:      $(dotnet --version)"
echo "commit:      $(git -C "$root" rev-parse --short HEAD 2> /dev/null || echo unknown)"
echo "jwtauth:     src/JwtAuth.Server (Release), SQLite$([[ $POSTGRES == 1 ]] && echo "; jwtauth-pg: the same on PostgreSQL $("$pg_bin/postgres" --version | awk '{ print $NF }')")"
echo "simplejwt:   shared/peer: $(/usr/bin/python3 -c 'import django, rest_framework, importlib.metadata as m; print("Django", django.get_version() + ", DRF", rest_framework.VERSION + ", SimpleJWT", m.version("djangorestframework-simplejwt"))' 2> /dev/null || echo '?'), gunicorn ${PEER_WORKERS:-2} sync workers, SQLite"
echo "load avg:    $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine skews single runs; the ratio is per round)"
echo "load:        $ROUNDS round(s) of $DURATION per run, warm-up $WARMUP; me, verify: wrk -t$THREADS -c$CONNECTIONS; login: wrk -t$(( THREADS < LOGIN_CONNECTIONS ? THREADS : LOGIN_CONNECTIONS )) -c$LOGIN_CONNECTIONS; refresh-N: wrk -tN -cN; --timeout $WRK_TIMEOUT"
echo

paths=(me verify refresh-4 refresh-32 login)
echo "warming up ($WARMUP per run)..."
for name in jwtauth simplejwt; do
    for what in me verify refresh-4 login; do
        measure warm-up "$what" "$name" - "$warmup_seconds"
    done
done
[[ $POSTGRES == 1 ]] && measure warm-up refresh-4 jwtauth-pg - "$warmup_seconds"

for round in $(seq "$ROUNDS"); do
    echo "round $round of $ROUNDS..."
    for what in "${paths[@]}"; do
        if (( round % 2 == 1 )); then order=(jwtauth simplejwt); else order=(simplejwt jwtauth); fi
        # refresh-32 also on PostgreSQL: between the two, so that it too alternates with the peer.
        [[ $what == refresh-32 && $POSTGRES == 1 ]] && order=("${order[0]}" jwtauth-pg "${order[1]}")
        for name in "${order[@]}"; do
            measure "$round" "$what" "$name" "${order[0]}" "$duration_seconds"
        done
    done
done
for name in "${servers[@]}"; do
    alive "$name"
done

echo "load avg after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
# Columns of results.tsv: round, path, server, first of the round, req/s, p99 ms.
awk -F'\t' -v paths="${paths[*]}" -v postgres="$POSTGRES" '
    function median(values, n,    i, j, t) {
        for (i = 2; i <= n; i++) for (j = i; j > 1 && values[j - 1] > values[j]; j--) { t = values[j]; values[j] = values[j - 1]; values[j - 1] = t }
        return n % 2 ? values[(n + 1) / 2] : (values[n / 2] + values[n / 2 + 1]) / 2
    }
    function ratio(x) { return x >= 10 ? sprintf("%.1fx", x) : sprintf("%.2fx", x) }
    # medians of PATH for server A against the peer: sets m_ratio, m_a, m_b, m_pa, m_pb
    function medians(path, a,    r, n, ra, rb, q, pa, pb) {
        n = 0
        for (r = 1; r <= rounds; r++) {
            if (!((r, path, a) in rps) || !((r, path, "simplejwt") in rps)) continue
            n++; ra[n] = rps[r, path, a]; rb[n] = rps[r, path, "simplejwt"]
            q[n] = rb[n] > 0 ? ra[n] / rb[n] : 0
            pa[n] = p99[r, path, a]; pb[n] = p99[r, path, "simplejwt"]
        }
        m_ratio = median(q, n); m_a = median(ra, n); m_b = median(rb, n); m_pa = median(pa, n); m_pb = median(pb, n)
    }
    function table_row(r, label, path, a,    x) {
        if (!((r, path, a) in rps)) return
        x = rps[r, path, "simplejwt"] > 0 ? rps[r, path, a] / rps[r, path, "simplejwt"] : 0
        printf "| %d | %s | %s | %.0f | %.0f | %s | %.2f | %.2f |\n", r, label, first[r, path], rps[r, path, a], rps[r, path, "simplejwt"], ratio(x), p99[r, path, a], p99[r, path, "simplejwt"]
    }
    {
        rps[$1, $2, $3] = $5; p99[$1, $2, $3] = $6; first[$1, $2] = $4
        if ($1 > rounds) rounds = $1
    }
    END {
        np = split(paths, path, " ")
        print "| round | path | first | jwtauth req/s | simplejwt req/s | jwtauth/simplejwt | jwtauth p99 ms | simplejwt p99 ms |"
        print "|------:|------|-------|--------------:|----------------:|------------------:|---------------:|-----------------:|"
        for (r = 1; r <= rounds; r++) {
            for (i = 1; i <= np; i++) table_row(r, path[i], path[i], "jwtauth")
            if (postgres == 1) table_row(r, "refresh-32 (postgres)", "refresh-32", "jwtauth-pg")
        }
        print ""
        for (i = 1; i <= np; i++) {
            medians(path[i], "jwtauth")
            printf "%s: jwtauth/simplejwt %s (jwtauth %.0f req/s, simplejwt %.0f req/s)\n", path[i], ratio(m_ratio), m_a, m_b
        }
        medians("refresh-4", "jwtauth")
        printf "refresh-4 p99: jwtauth %.2f ms, simplejwt %.2f ms\n", m_pa, m_pb
        medians("refresh-32", "jwtauth")
        printf "refresh-32 p99: jwtauth %.2f ms, simplejwt %.2f ms\n", m_pa, m_pb
        if (postgres == 1) {
            medians("refresh-32", "jwtauth-pg")
            printf "refresh-32 (postgres): jwtauth/simplejwt %s (jwtauth %.0f req/s, simplejwt %.0f req/s)\n", ratio(m_ratio), m_a, m_b
            printf "refresh-32 (postgres) p99: jwtauth %.2f ms, simplejwt %.2f ms\n", m_pa, m_pb
        }
    }' "$results"

if [[ -s $findings ]]; then
    echo
    echo "FAILURES under load (non-2xx answers or broken refresh chains; the figures above include them):"
    cat "$findings"
    exit 1
fi
