#!/usr/bin/env bash
# HTTP throughput of JwtAuth against stock JwtBearer on the same protected endpoint.
#
# Builds bench/Hosts/JwtAuthHost and bench/Hosts/JwtBearerHost in Release, starts both on free
# loopback ports with the same HS256 key, checks that each answers 200 to a real JwtAuth access
# token and 401 without one (or with a forged one), warms both up, then loads them with wrk in
# ROUNDS rounds, alternating which host goes first. Prints the requests/s of every run, the
# ratio of each round, the host's CPU time per request (a figure that other load on the machine
# disturbs less than throughput), and last the line
#     jwtauth/jwtbearer throughput ratio: X.XX
# with the median of the per-round ratios. The goal is >= 1.00.
#
# With CONTENDER=validation the JwtAuth side is bench/Hosts/ValidationHost instead: a resource
# server with JwtAuth.Validation (no database) following the JwtAuth host's revocation feed, so its
# registry holds the same entries; the JwtAuth host then only serves the feed.
#
# Environment (all optional):
#   CONTENDER=jwtauth (or validation)
#   ROUNDS=5  DURATION=10s  WARMUP=10s  THREADS=2  CONNECTIONS=32
#   REVOKED_SESSIONS=5000  REVOKED_USERS=1000   (entries in the JwtAuth host's revocation registry)
#   SKIP_BUILD=1                                (use the hosts already built in Release)
#
# Needs dotnet, curl and wrk (Debian: apt-get install -y wrk). Installs nothing. Sends traffic
# to 127.0.0.1 only; every wrk run is bounded by DURATION. Stops both hosts on exit.
set -euo pipefail

ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-10s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
REVOKED_SESSIONS=${REVOKED_SESSIONS:-5000}
REVOKED_USERS=${REVOKED_USERS:-1000}
SKIP_BUILD=${SKIP_BUILD:-0}
CONTENDER=${CONTENDER:-jwtauth}

readonly HOST=127.0.0.1
readonly ENDPOINT=/api/me/
readonly EXPECTED_BODY='{"user_id":"42"}'

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jwtauth_project=$root/bench/Hosts/JwtAuthHost/JwtAuthHost.csproj
jwtbearer_project=$root/bench/Hosts/JwtBearerHost/JwtBearerHost.csproj
jwtauth_dll=$root/bench/Hosts/JwtAuthHost/bin/Release/net10.0/JwtAuthHost.dll
jwtbearer_dll=$root/bench/Hosts/JwtBearerHost/bin/Release/net10.0/JwtBearerHost.dll
validation_project=$root/bench/Hosts/ValidationHost/ValidationHost.csproj
validation_dll=$root/bench/Hosts/ValidationHost/bin/Release/net10.0/ValidationHost.dll

die() {
    echo "compare.sh: $*" >&2
    exit 1
}

source "$root/bench/lib.sh"
require_tools
[[ $ROUNDS =~ ^[1-9][0-9]*$ ]] || die "ROUNDS must be a positive integer"
[[ $CONTENDER == jwtauth || $CONTENDER == validation ]] || die "CONTENDER must be jwtauth or validation"
projects=("$jwtauth_project" "$jwtbearer_project")
[[ $CONTENDER == validation ]] && projects+=("$validation_project")
duration_seconds=$(seconds_of "$DURATION")
warmup_seconds=$(seconds_of "$WARMUP")

work=$(mktemp -d "${TMPDIR:-/tmp}/jwtauth-compare.XXXXXX")
pids=()

stop_hosts() {
    local pid
    for pid in "${pids[@]}"; do
        kill -TERM "$pid" 2> /dev/null || true
    done
    for pid in "${pids[@]}"; do
        # A host that has not stopped within 10 s is killed.
        for _ in $(seq 50); do
            kill -0 "$pid" 2> /dev/null || break
            sleep 0.2
        done
        kill -KILL "$pid" 2> /dev/null || true
        wait "$pid" 2> /dev/null || true
    done
    pids=()
}

cleanup() {
    stop_hosts
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
export ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production

# ---- build ------------------------------------------------------------------------------------
if [[ $SKIP_BUILD != 1 ]]; then
    for project in "${projects[@]}"; do
        echo "building $(basename "$project" .csproj) (Release)..."
        if ! dotnet build "$project" -c Release --nologo -v q > "$work/build.log" 2>&1; then
            cat "$work/build.log" >&2
            die "build of $project failed"
        fi
    done
fi
[[ -f $jwtauth_dll && -f $jwtbearer_dll && ( $CONTENDER == jwtauth || -f $validation_dll ) ]] || die "hosts not built (run without SKIP_BUILD=1)"

# ---- start ------------------------------------------------------------------------------------
# A loopback port nothing listens on now. A host that loses the race for it fails to bind and
# exits, which the start-up checks below catch.
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

# The host's answer to GET ENDPOINT with the given Authorization header (or none): "STATUS BODY".
probe() {
    local port=$1 authorization=${2-}
    local args=(-s -o "$work/body" -w '%{http_code}' --max-time 5)
    if [[ -n $authorization ]]; then
        args+=(-H "Authorization: $authorization")
    fi
    local status
    status=$(curl "${args[@]}" "http://$HOST:$port$ENDPOINT" 2> /dev/null) || status=000
    echo "$status $(cat "$work/body" 2> /dev/null || true)"
}

host_died() {
    local name=$1 pid=$2
    echo "--- $name output ---" >&2
    tail -n 40 "$work/$name.log" >&2 || true
    wait "$pid" 2> /dev/null || true
    die "$name exited during start-up"
}

signing_key=$(head -c 32 /dev/urandom | base64)
service_secret=$(head -c 32 /dev/urandom | base64)
jwtauth_port=$(free_port)
echo "starting jwtauth on $HOST:$jwtauth_port..."
JwtAuth__SigningKey=$signing_key JwtAuth__Services__bench__Secret=$service_secret dotnet "$jwtauth_dll" \
    --urls "http://$HOST:$jwtauth_port" \
    --Bench:Database="$work/revocations.db" \
    --Bench:ReadyFile="$work/jwtauth.ready" \
    --Bench:RevokedSessions="$REVOKED_SESSIONS" \
    --Bench:RevokedUsers="$REVOKED_USERS" \
    > "$work/jwtauth.log" 2>&1 &
jwtauth_pid=$!
pids+=("$jwtauth_pid")
# The host writes the token, its kid and the registry's size once Kestrel listens.
for _ in $(seq 300); do
    [[ -f $work/jwtauth.ready ]] && break
    kill -0 "$jwtauth_pid" 2> /dev/null || host_died jwtauth "$jwtauth_pid"
    sleep 0.2
done
[[ -f $work/jwtauth.ready ]] || die "jwtauth did not start within 60 s"
token=$(sed -n 1p "$work/jwtauth.ready")
key_id=$(sed -n 2p "$work/jwtauth.ready")
registry_size=$(sed -n 3p "$work/jwtauth.ready")

if [[ $CONTENDER == validation ]]; then
    # From here on "jwtauth" is the resource server; the JwtAuth host stays up to serve its feed.
    authority_port=$jwtauth_port
    jwtauth_port=$(free_port)
    [[ $jwtauth_port != "$authority_port" ]] || jwtauth_port=$(free_port)
    echo "starting the JwtAuth.Validation resource server on $HOST:$jwtauth_port..."
    JwtAuth__SigningKey=$signing_key JwtAuth__Validation__ServiceSecret=$service_secret dotnet "$validation_dll" \
        --urls "http://$HOST:$jwtauth_port" \
        --JwtAuth:Validation:Authority="http://$HOST:$authority_port" \
        --JwtAuth:Validation:RequireHttpsMetadata=false \
        --JwtAuth:Validation:ServiceName=bench \
        > "$work/validation.log" 2>&1 &
    jwtauth_pid=$!
    pids+=("$jwtauth_pid")
    for _ in $(seq 300); do
        [[ $(probe "$jwtauth_port" "Bearer $token") == 200* ]] && break
        kill -0 "$jwtauth_pid" 2> /dev/null || host_died validation "$jwtauth_pid"
        sleep 0.2
    done
    registry_size="$registry_size on the JwtAuth host; the resource server reads the same from its feed"
fi

jwtbearer_port=$(free_port)
[[ $jwtbearer_port != "$jwtauth_port" ]] || jwtbearer_port=$(free_port)
echo "starting jwtbearer on $HOST:$jwtbearer_port..."
Bench__SigningKey=$signing_key dotnet "$jwtbearer_dll" \
    --urls "http://$HOST:$jwtbearer_port" \
    --Bench:KeyId="$key_id" \
    > "$work/jwtbearer.log" 2>&1 &
jwtbearer_pid=$!
pids+=("$jwtbearer_pid")
for _ in $(seq 300); do
    [[ $(probe "$jwtbearer_port") != 000* ]] && break
    kill -0 "$jwtbearer_pid" 2> /dev/null || host_died jwtbearer "$jwtbearer_pid"
    sleep 0.2
done

# ---- check ------------------------------------------------------------------------------------
# The same signature with one payload character changed: must be refused by both.
forged=${token%%.*}.$(cut -d. -f2 <<< "$token" | sed 's/^\(.\)\(.\)/\2\1/').${token##*.}
check_host() {
    local name=$1 port=$2 pid=$3 answer
    kill -0 "$pid" 2> /dev/null || host_died "$name" "$pid"
    answer=$(probe "$port" "Bearer $token")
    [[ $answer == "200 $EXPECTED_BODY" ]] || die "$name answered '$answer' with the token (expected 200 $EXPECTED_BODY)"
    answer=$(probe "$port")
    [[ $answer == 401* ]] || die "$name answered '$answer' without a token (expected 401)"
    answer=$(probe "$port" "Bearer $forged")
    [[ $answer == 401* ]] || die "$name answered '$answer' to a forged token (expected 401)"
    echo "$name: 200 with the token, 401 without it and with a forged one"
}
check_host jwtauth "$jwtauth_port" "$jwtauth_pid"
check_host jwtbearer "$jwtbearer_port" "$jwtbearer_pid"

# ---- load -------------------------------------------------------------------------------------
# CPU time (user + system, in clock ticks) a process has used so far.
cpu_ticks() {
    local stat
    stat=$(cat "/proc/$1/stat")
    # Fields after the ")" that closes the command name: utime and stime are the 12th and 13th.
    awk '{ print $12 + $13 }' <<< "${stat##*)}"
}
clock_ticks=$(getconf CLK_TCK)

# One wrk run against a host: "REQUESTS_PER_SECOND CPU_MICROSECONDS_PER_REQUEST", the second
# from the host process's own CPU time, which other load on the machine inflates far less than
# it deflates throughput. Fails on any non-2xx answer.
load() {
    local name=$1 port=$2 pid=$3 duration=$4 seconds=$5 out rps requests before after
    out=$work/wrk-$name.txt
    before=$(cpu_ticks "$pid")
    if ! timeout --kill-after=5 $(( seconds + 30 )) \
        wrk -t"$THREADS" -c"$CONNECTIONS" -d"$duration" -H "Authorization: Bearer $token" \
        "http://$HOST:$port$ENDPOINT" > "$out" 2>&1; then
        cat "$out" >&2
        die "wrk against $name failed"
    fi
    after=$(cpu_ticks "$pid")
    if grep -q 'Non-2xx or 3xx responses' "$out"; then
        cat "$out" >&2
        die "$name gave non-2xx answers under load"
    fi
    rps=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
    requests=$(awk '/ requests in / { print $1 }' "$out")
    [[ -n $rps && -n $requests && $requests -gt 0 ]] || { cat "$out" >&2; die "no request count in wrk's output for $name"; }
    if grep -q 'Socket errors' "$out"; then
        echo "  note: $name: $(grep 'Socket errors' "$out" | sed 's/^ *//')" >&2
    fi
    echo "$rps $(awk -v t=$(( after - before )) -v hz="$clock_ticks" -v n="$requests" 'BEGIN { printf "%.1f", t * 1e6 / hz / n }')"
}

jwtbearer_assets=$root/bench/Hosts/JwtBearerHost/obj/project.assets.json
resolved() {
    grep -o "\"$1/[^\"]*\"" "$jwtbearer_assets" 2> /dev/null | head -n 1 | tr -d '"' | cut -d/ -f2
}

echo
echo "date:        $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine:     $(nproc) cores, $(lscpu 2> /dev/null | sed -n 's/^Model name: *//p' | head -n 1)"
echo "dotnet:      $(dotnet --version)"
echo "commit:      $(git -C "$root" rev-parse --short HEAD 2> /dev/null || echo unknown)"
echo "jwtbearer:   Microsoft.AspNetCore.Authentication.JwtBearer $(resolved Microsoft.AspNetCore.Authentication.JwtBearer), Microsoft.IdentityModel.JsonWebTokens $(resolved Microsoft.IdentityModel.JsonWebTokens)"
echo "jwtauth:     $([[ $CONTENDER == validation ]] && echo "JwtAuth.Validation resource server, ")$registry_size"
echo "load avg:    $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine skews single runs; the ratio is per round)"
echo "load:        wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $ROUNDS round(s), warm-up $WARMUP each"
echo

echo "warming up ($WARMUP each)..."
load jwtauth "$jwtauth_port" "$jwtauth_pid" "$WARMUP" "$warmup_seconds" > /dev/null
load jwtbearer "$jwtbearer_port" "$jwtbearer_pid" "$WARMUP" "$warmup_seconds" > /dev/null

results=$work/results.tsv
: > "$results"
for round in $(seq "$ROUNDS"); do
    if (( round % 2 == 1 )); then order=(jwtauth jwtbearer); else order=(jwtbearer jwtauth); fi
    for name in "${order[@]}"; do
        if [[ $name == jwtauth ]]; then port=$jwtauth_port; pid=$jwtauth_pid; else port=$jwtbearer_port; pid=$jwtbearer_pid; fi
        kill -0 "$pid" 2> /dev/null || host_died "$name" "$pid"
        run=$(load "$name" "$port" "$pid" "$DURATION" "$duration_seconds")
        read -r rps cpu <<< "$run"
        if [[ $name == jwtauth ]]; then jwtauth_rps=$rps jwtauth_cpu=$cpu; else jwtbearer_rps=$rps jwtbearer_cpu=$cpu; fi
        echo "  round $round: $name $rps req/s, $cpu µs host CPU per request"
    done
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "${order[0]}" "$jwtauth_rps" "$jwtauth_cpu" "$jwtbearer_rps" "$jwtbearer_cpu" >> "$results"
done
check_host jwtauth "$jwtauth_port" "$jwtauth_pid" > /dev/null
check_host jwtbearer "$jwtbearer_port" "$jwtbearer_pid" > /dev/null

echo "load avg after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
# Columns of results.tsv: round, first, jwtauth req/s, jwtauth µs/req, jwtbearer req/s, jwtbearer µs/req.
awk -F'\t' '
    function median(values, n,    i, j, t) {
        for (i = 2; i <= n; i++) for (j = i; j > 1 && values[j - 1] > values[j]; j--) { t = values[j]; values[j] = values[j - 1]; values[j - 1] = t }
        return n % 2 ? values[(n + 1) / 2] : (values[n / 2] + values[n / 2 + 1]) / 2
    }
    BEGIN {
        print "| round | first | jwtauth req/s | jwtbearer req/s | jwtauth/jwtbearer | jwtauth µs CPU/req | jwtbearer µs CPU/req |"
        print "|------:|-------|--------------:|----------------:|------------------:|-------------------:|---------------------:|"
    }
    {
        n++; ra[n] = $3; ca[n] = $4; rb[n] = $5; cb[n] = $6; ratio[n] = $3 / $5; cpu[n] = $6 / $4
        printf "| %d | %s | %.0f | %.0f | %.2f | %.1f | %.1f |\n", $1, $2, $3, $5, ratio[n], $4, $6
    }
    END {
        printf "| median | | %.0f | %.0f | %.2f | %.1f | %.1f |\n", median(ra, n), median(rb, n), median(ratio, n), median(ca, n), median(cb, n)
        printf "\njwtbearer/jwtauth host CPU per request (median of rounds; above 1 means JwtAuth spends less): %.2f\n", median(cpu, n)
        printf "jwtauth/jwtbearer throughput ratio: %.2f\n", median(ratio, n)
    }' "$results"
