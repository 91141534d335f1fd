# Shared by crash.sh, concurrency.sh and run.sh: paths, the one Release build, a throw-away
# PostgreSQL cluster, and running one campaign of the console tool against a fresh database.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SERVER_DLL="${SERVER_DLL:-$ROOT/src/JwtAuth.Server/bin/Release/net10.0/JwtAuth.Server.dll}"
TOOL_DLL="$ROOT/tests/reliability/bin/Release/net10.0/JwtAuth.Reliability.dll"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# Builds the server and the tool once in Release (NO_BUILD=1: use what is built).
build_once() {
  [ "${NO_BUILD:-0}" = 1 ] && return 0
  echo "== building the server and the campaign tool (Release)"
  dotnet build -c Release "$ROOT/src/JwtAuth.Server" -v q -nologo >/dev/null
  dotnet build -c Release "$ROOT/tests/reliability" -v q -nologo >/dev/null
}

# run_campaign crash|concurrency sqlite|postgres [tool options...]: a fresh SQLite file or a fresh
# PostgreSQL cluster (initdb into a temp directory, pg_ctl on a free loopback port, as the postgres
# user when run as root), the tool against it, and everything removed afterwards (KEEP=1 keeps the
# work directory with server.log). Returns the tool's exit code.
run_campaign() {
  local campaign=$1 database=$2; shift 2
  [ -f "$SERVER_DLL" ] && [ -f "$TOOL_DLL" ] || { echo "not built: run without NO_BUILD=1" >&2; return 2; }
  local work provider connection status bin="" port
  work="$(mktemp -d /tmp/jwtauth-reliability.XXXXXX)"
  chmod 755 "$work"
  case "$database" in
    sqlite)
      provider=Sqlite connection="Data Source=$work/jwtauth.db" ;;
    postgres)
      bin="${JWTAUTH_POSTGRES_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"
      [ -x "$bin/initdb" ] || { echo "PostgreSQL server binaries not found (apt-get install postgresql, or JWTAUTH_POSTGRES_BIN)" >&2; rm -rf "$work"; return 2; }
      port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
      mkdir "$work/pg"
      [ "$(id -u)" = 0 ] && chown postgres "$work/pg"
      as_postgres "$bin/initdb" -D "$work/pg/data" -U postgres -A trust -E UTF8 --locale=C --no-sync >/dev/null
      # fsync off: the campaign kills the JwtAuth server, never PostgreSQL, so durability on disk is not what is tested.
      as_postgres "$bin/pg_ctl" -D "$work/pg/data" -l "$work/pg/postgres.log" -w -t 60 \
        -o "-p $port -k $work/pg -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
      as_postgres "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE jwtauth_reliability" postgres
      provider=Postgres connection="Host=127.0.0.1;Port=$port;Username=postgres;Database=jwtauth_reliability" ;;
    *) echo "database: sqlite or postgres, not '$database'" >&2; rm -rf "$work"; return 2 ;;
  esac

  # The tool's last line, "reliability: N passed, M failed", is held back and printed after what the
  # logs say, so that it stays the last line.
  { code=0
    dotnet "$TOOL_DLL" "$campaign" --server-dll "$SERVER_DLL" --provider "$provider" --connection "$connection" \
      --workdir "$work" "$@" || code=$?
    echo "$code" >"$work/exit"
  } | awk -v held="$work/summary" '/^reliability: [0-9]+ passed, [0-9]+ failed$/ { print > held; next } { print; fflush() }'
  status="$(cat "$work/exit")"
  server_log_errors "$work/server.log"
  if [ -n "$bin" ] && grep -q "deadlock detected" "$work/pg/postgres.log"; then
    echo "postgres log: $(grep -c 'deadlock detected' "$work/pg/postgres.log") deadlocks detected"
  fi
  cat "$work/summary" 2>/dev/null

  [ -n "$bin" ] && as_postgres "$bin/pg_ctl" -D "$work/pg/data" -m immediate -w stop >/dev/null 2>&1
  if [ "${KEEP:-0}" = 1 ]; then echo "work directory kept: $work"; else rm -rf "$work"; fi
  return $status
}

as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# The server's own account of its errors (a 5xx answer is logged with its exception): the error
# entries that carry an exception, counted by their innermost exception line (EF Core logs one
# failure up to three times), leaving out EF Core's harmless first-start query of
# __EFMigrationsHistory on an empty PostgreSQL database (docs/scaling.md).
server_log_errors() {
  [ -f "$1" ] || return 0
  awk '
    function flush() { if (block != "" && first != "" && block !~ /__EFMigrationsHistory/) { n++; count[first]++ } block = ""; first = ""; inner = 0 }
    /^(fail|crit): / { flush(); block = $0; next }
    /^[a-z]+: |^--- start/ { flush(); next }
    block != "" {
      block = block "\n" $0
      line = $0; sub(/^ +/, "", line)
      if (!inner && line ~ /^---> /) { first = substr(line, 6, 220); inner = 1 }
      else if (first == "" && line ~ /^[A-Za-z.]+Exception/) { first = substr(line, 1, 220) }
    }
    END { flush(); if (n > 0) { print "server log: " n " error entries with an exception, by innermost exception:"; for (f in count) printf "  %5d  %s\n", count[f], f } }
  ' "$1" | head -12
}
