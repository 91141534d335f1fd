#!/usr/bin/env bash
# Starts the built server as a deployment would (Production, a random signing key, a fresh SQLite
# file in a temporary folder, login rate limit off) on a free 127.0.0.1 port, registers two users
# through /api/register/ and logs them in, runs the fuzzer against it with their tokens, and stops
# the server. Builds nothing: CI builds both first (see .ci/run):
#   dotnet build -c Release src/JwtAuth.Server && dotnet build -c Release tests/fuzz
#   tests/fuzz/run.sh [fuzzer args...]      env: FUZZ_SEED (default 20261125), FUZZ_TIME_LIMIT (s), SERVER_DLL, FUZZ_DLL
# Ends with the fuzzer's line "fuzz: N passed, M failed"; exits non-zero when M > 0.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SERVER_DLL="${SERVER_DLL:-$ROOT/src/JwtAuth.Server/bin/Release/net10.0/JwtAuth.Server.dll}"
FUZZ_DLL="${FUZZ_DLL:-$ROOT/tests/fuzz/bin/Release/net10.0/JwtAuth.Fuzz.dll}"
[ -f "$SERVER_DLL" ] || { echo "server not built: dotnet build -c Release src/JwtAuth.Server" >&2; exit 1; }
[ -f "$FUZZ_DLL" ] || { echo "fuzzer not built: dotnet build -c Release tests/fuzz" >&2; exit 1; }
command -v curl >/dev/null && command -v jq >/dev/null || { echo "run.sh needs curl and jq" >&2; exit 1; }

RUNDIR="$(mktemp -d /tmp/jwtauth-fuzz.XXXXXX)"
KEY="fuzz-$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')"
# Port 0: Kestrel takes a free port and logs it ("Now listening on: http://127.0.0.1:PORT").
# Rate limits and lockout off: the fuzz sends thousands of bodies with its users' names and wrong
# passwords on purpose, and what it checks is the answer to each, not the limits (docs/abuse.md).
export ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:0" JwtAuth__SigningKey="$KEY" RateLimiting__Enabled=false \
  Identity__Lockout__MaxFailedAccessAttempts=0
export Database__Provider=Sqlite ConnectionStrings__Default="Data Source=$RUNDIR/jwtauth.db"

(cd "$RUNDIR" && exec dotnet "$SERVER_DLL" >"$RUNDIR/server.log" 2>&1) &
PID=$!
cleanup() { kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; rm -rf "$RUNDIR"; }
trap cleanup EXIT

BASE=""
for _ in $(seq 1 150); do
  if ! kill -0 "$PID" 2>/dev/null; then echo "server exited early:" >&2; cat "$RUNDIR/server.log" >&2; exit 1; fi
  BASE="$(grep -soE 'Now listening on: http://127\.0\.0\.1:[0-9]+' "$RUNDIR/server.log" | head -1 | sed 's/^Now listening on: //' || true)"
  [ -n "$BASE" ] && [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/api/me/" || true)" = 401 ] && break
  sleep 0.2
done
[ -n "$BASE" ] || { echo "the server did not start listening:" >&2; cat "$RUNDIR/server.log" >&2; exit 1; }

USER1=fuzz-alice PASS1="alice-$(od -An -tx1 -N8 /dev/urandom | tr -d ' \n')"
USER2=fuzz-bob PASS2="bob-$(od -An -tx1 -N8 /dev/urandom | tr -d ' \n')"
json() { jq -cn --arg u "$1" --arg p "$2" '{username: $u, password: $p}'; }
for pair in "$USER1:$PASS1" "$USER2:$PASS2"; do
  code="$(curl -s -o "$RUNDIR/register.json" -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
    -d "$(json "${pair%%:*}" "${pair#*:}")" "$BASE/api/register/")"
  [ "$code" = 201 ] || { echo "registering ${pair%%:*} answered $code" >&2; cat "$RUNDIR/register.json" >&2; exit 1; }
done
login() { curl -fsS -X POST -H 'Content-Type: application/json' -A jwtauth-fuzz -d "$(json "$1" "$2")" "$BASE/api/token/"; }
TOKENS1="$(login "$USER1" "$PASS1")"
TOKENS2="$(login "$USER2" "$PASS2")"

set +e
FUZZ_USER_1="$USER1" FUZZ_ACCESS_1="$(jq -r .access <<<"$TOKENS1")" FUZZ_REFRESH_1="$(jq -r .refresh <<<"$TOKENS1")" \
FUZZ_USER_2="$USER2" FUZZ_PASSWORD_2="$PASS2" FUZZ_ACCESS_2="$(jq -r .access <<<"$TOKENS2")" FUZZ_REFRESH_2="$(jq -r .refresh <<<"$TOKENS2")" \
FUZZ_SIGNING_KEY="$KEY" dotnet "$FUZZ_DLL" "$BASE" "$@" | tee "$RUNDIR/fuzz.txt"
status=${PIPESTATUS[0]}
set -e

if ! kill -0 "$PID" 2>/dev/null; then
  echo "the server is no longer running:"; tail -40 "$RUNDIR/server.log"; status=1
fi
# Exceptions the server logged (a 5xx has its stack trace here): the first ones, for the report.
errors="$(grep -c '^fail: ' "$RUNDIR/server.log" || true)"
if [ "$errors" != 0 ]; then
  echo "--- server log: $errors error entries; the first ones:"
  grep -A12 '^fail: ' "$RUNDIR/server.log" | head -80 || true
fi
# --plan sends nothing and has no summary.
grep -q '; nothing sent$' "$RUNDIR/fuzz.txt" && exit $status
# The fuzzer's summary stays the last line.
summary="$(grep -E '^fuzz: [0-9]+ passed, [0-9]+ failed$' "$RUNDIR/fuzz.txt" | tail -1 || true)"
if [ -z "$summary" ]; then summary="fuzz: 0 passed, 1 failed"; status=1; echo "the fuzzer ended without its summary"; fi
[ "$(tail -1 "$RUNDIR/fuzz.txt")" = "$summary" ] && [ "$errors" = 0 ] && kill -0 "$PID" 2>/dev/null || echo "$summary"
exit $status
