#!/usr/bin/env bash
# Measures what a registration flood from one client does to another user's logins, with the
# server's abuse limits off (as before them) and on. Builds the server (Release), then for each
# configuration starts it on a fresh SQLite file and runs flood.py against it.
#   bench/abuse-flood/run.sh [flood.py args...]      e.g. --seconds 30 --flood 16
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/bench/abuse-flood"
dotnet build -c Release "$ROOT/src/JwtAuth.Server" -v quiet -nologo >/dev/null
DLL="$ROOT/src/JwtAuth.Server/bin/Release/net10.0/JwtAuth.Server.dll"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
run() {
  local label=$1 sources=$2; shift 2
  local dir port pid
  dir="$(mktemp -d /tmp/jwtauth-flood.XXXXXX)"
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
  (cd "$dir" && exec env "$@" ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$port" \
     JwtAuth__SigningKey="flood-bench-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')" \
     ConnectionStrings__Default="Data Source=$dir/jwtauth.db" Logging__LogLevel__Default=Warning \
     dotnet "$DLL" >"$dir/server.log" 2>&1) &
  pid=$!
  for _ in $(seq 1 150); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/me/" || true)" = 401 ] && break
    sleep 0.2
  done
  python3 "$HERE/flood.py" --base "http://127.0.0.1:$port" --label "$label" --flood-sources "$sources" "${FLOOD_ARGS[@]}" || true
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$dir"
}
FLOOD_ARGS=("$@")
# before: no limits at all (what the server did before the abuse limits)
run before 1 RateLimiting__Enabled=false
# after, the hashing bound alone (the login and registration rates off): the flood holds one
# hashing slot of the node at a time and is answered 429 beyond its share
NO_RATES=(RateLimiting__LoginPermitsPerMinute=0 RateLimiting__LoginPerAccountPermitsPerMinute=0 RateLimiting__RegisterPermitsPerHour=0)
run bound 1 "${NO_RATES[@]}"
# the same flood spread over 8 addresses: each holds one slot at most, together they fill the
# node's slots and queue, and the victim's login waits its turn in the queue or is answered 503
run before8 8 RateLimiting__Enabled=false
run bound8 8 "${NO_RATES[@]}"
# defaults for registration (20 per hour per address) stop the flood itself; the login rates are
# off here only because the victim logs in back to back, far above them
run defaults 1 RateLimiting__LoginPermitsPerMinute=0 RateLimiting__LoginPerAccountPermitsPerMinute=0
