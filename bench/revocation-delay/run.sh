#!/usr/bin/env bash
# Cross-instance revocation delay (two server processes on one PostgreSQL) and refresh throughput
# (PostgreSQL with one and two instances, SQLite with one), against real Kestrel servers on
# 127.0.0.1. Starts its own PostgreSQL cluster (initdb + pg_ctl, as the postgres user when run as
# root) with PostgreSQL's default durability settings, and removes everything at the end.
#
#   bench/revocation-delay/run.sh            # TRIALS=200 DURATION=10 CLIENTS=4 by default
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
TRIALS=${TRIALS:-200}
DURATION=${DURATION:-10}
CLIENTS=${CLIENTS:-4}
PG_BIN=${JWTAUTH_POSTGRES_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
[ -x "$PG_BIN/pg_ctl" ] || { echo "PostgreSQL binaries not found (set JWTAUTH_POSTGRES_BIN)" >&2; exit 1; }

WORK=$(mktemp -d /tmp/jwtauth-bench-XXXXXX)
chmod 755 "$WORK"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$WORK"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  as_pg "$PG_BIN/pg_ctl" -D "$WORK/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "== building (Release)"
dotnet build -c Release "$ROOT/src/JwtAuth.Server" -v q -nologo >/dev/null
dotnet build -c Release "$ROOT/bench/revocation-delay" -v q -nologo >/dev/null
SERVER_DIR="$ROOT/src/JwtAuth.Server/bin/Release/net10.0"
BENCH="dotnet $ROOT/bench/revocation-delay/bin/Release/net10.0/RevocationDelay.dll"

PGPORT=$(free_port)
as_pg "$PG_BIN/initdb" -D "$WORK/data" -U postgres -A trust -E UTF8 --locale=C >/dev/null
as_pg "$PG_BIN/pg_ctl" -D "$WORK/data" -l "$WORK/postgres.log" -w \
  -o "-p $PGPORT -k $WORK -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null
as_pg "$PG_BIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -qc "CREATE DATABASE jwtauth" postgres

export ASPNETCORE_ENVIRONMENT=Production
export JwtAuth__SigningKey="bench-signing-key-0123456789abcdef0123456789abcdef"
export RateLimiting__Enabled=false
export Logging__LogLevel__Default=Warning
export JWTAUTH_PASSWORD=bench-password-1

# Runs the server with extra environment (NAME=value ...) in the background on a port.
start_server() {
  local port=$1; shift
  (cd "$SERVER_DIR" && exec env "$@" ASPNETCORE_URLS="http://127.0.0.1:$port" dotnet JwtAuth.Server.dll >>"$WORK/server-$port.log" 2>&1) &
  PIDS+=($!)
  for _ in $(seq 1 300); do
    curl -fs "http://127.0.0.1:$port/.well-known/jwks.json" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "server on $port did not start:" >&2; cat "$WORK/server-$port.log" >&2; exit 1
}
stop_servers() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  PIDS=()
}

PG=(Database__Provider=Postgres "ConnectionStrings__Default=Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=jwtauth")
(cd "$SERVER_DIR" && env "${PG[@]}" dotnet JwtAuth.Server.dll users create --username bench >/dev/null)
PA=$(free_port); PB=$(free_port)
start_server "$PA" "${PG[@]}"
start_server "$PB" "${PG[@]}"

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}'), $(date -u +%Y-%m-%dT%H:%MZ)"
echo "== PostgreSQL, two instances"
$BENCH delay --a "http://127.0.0.1:$PA" --b "http://127.0.0.1:$PB" --trials "$TRIALS"
echo "== PostgreSQL, one instance"
$BENCH refresh --url "http://127.0.0.1:$PA" --clients "$CLIENTS" --seconds "$DURATION"
echo "== PostgreSQL, two instances (each chain alternates)"
$BENCH refresh --url "http://127.0.0.1:$PA" --url "http://127.0.0.1:$PB" --clients "$CLIENTS" --seconds "$DURATION"
stop_servers

SQLITE=(Database__Provider=Sqlite "ConnectionStrings__Default=Data Source=$WORK/jwtauth.db")
(cd "$SERVER_DIR" && env "${SQLITE[@]}" dotnet JwtAuth.Server.dll users create --username bench >/dev/null)
PS=$(free_port)
start_server "$PS" "${SQLITE[@]}"
echo "== SQLite, one instance"
$BENCH refresh --url "http://127.0.0.1:$PS" --clients "$CLIENTS" --seconds "$DURATION"
