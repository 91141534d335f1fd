#!/usr/bin/env bash
# GET /api/me/ against POST /api/token/verify/ in the same server (docs/benchmarks.md, issue 9).
# usage: bench/me/run.sh <checkout> <label>   (build first: dotnet build -c Release src/JwtAuth.Server)
# Starts the Release server of <checkout> on a temp SQLite file (Production, rate limits off),
# registers and logs in one user, then runs wrk 5 s at 1 and at 32 connections: verify, then me.
# EXTRA="Cache__MeSizeLimitBytes=0" measures the uncached read. Needs wrk, curl, jq, and
# BENCH_DIR with the peer's bench-me.lua/bench-verify.lua (default /work/shared/peer).
set -euo pipefail
WT=$1; LABEL=$2; PORT=${PORT:-5077}
for i in $(seq 50); do ss -ltn | grep -q ":$PORT " || break; sleep 0.2; done
ss -ltn | grep -q ":$PORT " && { echo "port $PORT busy" >&2; exit 1; }
DB=$(mktemp -d)/bench.db
export ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning RateLimiting__Enabled=false \
  JwtAuth__SigningKey=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef \
  ConnectionStrings__Default="Data Source=$DB" ASPNETCORE_URLS=http://127.0.0.1:$PORT
env ${EXTRA:-} dotnet $WT/src/JwtAuth.Server/bin/Release/net10.0/JwtAuth.Server.dll >"${TMPDIR:-/tmp}/jwtauth-bench-me-$LABEL.log" 2>&1 &
PID=$!
trap 'kill $PID; wait $PID 2>/dev/null' EXIT
for i in $(seq 100); do curl -s -o /dev/null http://127.0.0.1:$PORT/api/me/ && break; sleep 0.2; done
kill -0 $PID || { echo "server died" >&2; cat "${TMPDIR:-/tmp}/jwtauth-bench-me-$LABEL.log" >&2; exit 1; }
B=http://127.0.0.1:$PORT
curl -s -X POST $B/api/register/ -H 'Content-Type: application/json' -d '{"username":"bench","password":"correct horse"}' >/dev/null
export ACCESS_TOKEN=$(curl -s -X POST $B/api/token/ -H 'Content-Type: application/json' -d '{"username":"bench","password":"correct horse"}' | jq -r .access)
export BENCH_DIR=${BENCH_DIR:-/work/shared/peer}
curl -s $B/api/me/ -H "Authorization: Bearer $ACCESS_TOKEN"; echo
# warm-up
wrk -t1 -c4 -d2s -s $BENCH_DIR/bench-me.lua $B >/dev/null
wrk -t1 -c4 -d2s -s $BENCH_DIR/bench-verify.lua $B >/dev/null
for c in 1 32; do
  t=1; [ $c = 32 ] && t=2
  for s in verify me; do
    echo "$LABEL c=$c $s $(wrk -t$t -c$c -d5s -s $BENCH_DIR/bench-$s.lua $B | grep ^BENCH)"
  done
done
