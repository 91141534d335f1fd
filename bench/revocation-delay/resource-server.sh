#!/usr/bin/env bash
# Revocation delay to a resource server (issue #11): the JwtAuth server (SQLite, ES256) and the
# resource server sample (samples/ResourceServer, JwtAuth.Validation following the server's
# revocation feed, keys from its discovery document) as processes on 127.0.0.1. Each trial logs in
# on the server, checks the resource server accepts the access token, logs out on the server, and
# asks the resource server GET /api/me/ with that token until it answers 401. Prints p50/p90/p99.
#
#   bench/revocation-delay/resource-server.sh        # TRIALS=30 by default; the goal is p99 <= 50 ms
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
TRIALS=${TRIALS:-30}
WORK=$(mktemp -d /tmp/jwtauth-rs-bench-XXXXXX)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "== building (Release)"
dotnet build -c Release "$ROOT/src/JwtAuth.Server" -v q -nologo >/dev/null
dotnet build -c Release "$ROOT/samples/ResourceServer" -v q -nologo >/dev/null
dotnet build -c Release "$ROOT/bench/revocation-delay" -v q -nologo >/dev/null
SERVER_DIR="$ROOT/src/JwtAuth.Server/bin/Release/net10.0"
RS_DIR="$ROOT/samples/ResourceServer/bin/Release/net10.0"
BENCH="dotnet $ROOT/bench/revocation-delay/bin/Release/net10.0/RevocationDelay.dll"

SECRET=$(head -c 32 /dev/urandom | base64)
export ASPNETCORE_ENVIRONMENT=Production
export Logging__LogLevel__Default=Warning
export JwtAuth__Algorithm=ES256
SERVER_ENV=(
  "JwtAuth__SigningKey=$(openssl ecparam -name prime256v1 -genkey -noout | openssl pkcs8 -topk8 -nocrypt)"
  "JwtAuth__Services__bench__Secret=$SECRET"
  RateLimiting__Enabled=false
  Database__Provider=Sqlite
  "ConnectionStrings__Default=Data Source=$WORK/jwtauth.db"
)

# Starts an app (directory, dll, port, NAME=value ...) in the background; waits for GET /api/me/ to answer 401.
start_app() {
  local dir=$1 dll=$2 port=$3; shift 3
  (cd "$dir" && exec env "$@" ASPNETCORE_URLS="http://127.0.0.1:$port" dotnet "$dll" >>"$WORK/$dll.log" 2>&1) &
  PIDS+=($!)
  for _ in $(seq 1 300); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/me/")" = 401 ] && return 0
    sleep 0.1
  done
  echo "$dll on $port did not start:" >&2; cat "$WORK/$dll.log" >&2; exit 1
}

(cd "$SERVER_DIR" && env "${SERVER_ENV[@]}" JWTAUTH_PASSWORD=bench-password-1 dotnet JwtAuth.Server.dll users create --username bench >/dev/null)
PS=$(free_port); PR=$(free_port)
start_app "$SERVER_DIR" JwtAuth.Server.dll "$PS" "${SERVER_ENV[@]}"
start_app "$RS_DIR" ResourceServer.dll "$PR" \
  "JwtAuth__Validation__Authority=http://127.0.0.1:$PS" JwtAuth__Validation__RequireHttpsMetadata=false \
  JwtAuth__Validation__ServiceName=bench "JwtAuth__Validation__ServiceSecret=$SECRET"

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ)"
echo "== server -> resource server (JwtAuth.Validation, revocation feed)"
$BENCH delay --a "http://127.0.0.1:$PS" --b "http://127.0.0.1:$PR" --probe me --trials "$TRIALS"
