#!/usr/bin/env bash
# Both reliability campaigns on both databases, with fixed seeds: the crash campaign on SQLite and
# on PostgreSQL, then the concurrency campaign on SQLite and on PostgreSQL (docs/reliability.md).
# The defaults are small, for CI; the issue's counts, for example:
#   CRASHES_SQLITE=20 CRASHES_POSTGRES=5 PAIRS=60 PASSWORD_TRIALS=20 REGISTRATION_TRIALS=30 tests/reliability/run.sh
# Environment: SEED (1), CRASHES_SQLITE (4), CRASHES_POSTGRES (2), CRASH_MAX_SECONDS (900),
# PAIRS (8 refresh + end pairs per kind of session end), PASSWORD_TRIALS (4), OLD_LOGINS (4),
# REGISTRATION_TRIALS (6), REGISTRANTS (4), NO_BUILD=1, KEEP=1.
# Each part's summary line is shown as "== <part>: passed N, failed M"; the last line,
# "reliability: N passed, M failed", is the total over the four parts (a part that ended without its
# summary counts as one failed check) and the only line of that form, so a tally that adds up every
# "N passed" it finds counts each check once. Exits 1 when any check failed.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
SEED="${SEED:-1}"
build_once || exit 2
export NO_BUILD=1

passed=0; failed=0; status=0
log="$(mktemp /tmp/jwtauth-reliability-run.XXXXXX)"
trap 'rm -f "$log"' EXIT
part() { # part LABEL campaign database [tool options...]
  local label=$1; shift
  echo "== $label"
  run_campaign "$@" 2>&1 | tee "$log" | sed -u "s/^reliability: \([0-9]*\) passed, \([0-9]*\) failed$/== $label: passed \1, failed \2/"
  local code=${PIPESTATUS[0]} line
  line="$(grep -E '^reliability: [0-9]+ passed, [0-9]+ failed$' "$log" | tail -1)"
  if [ -z "$line" ]; then
    echo "== $label: ended without its summary (exit $code): counted as 1 failed check"
    failed=$((failed + 1)); status=1; return
  fi
  passed=$((passed + $(sed -E 's/^reliability: ([0-9]+) passed.*/\1/' <<<"$line")))
  failed=$((failed + $(sed -E 's/.* ([0-9]+) failed$/\1/' <<<"$line")))
  [ "$code" = 0 ] || status=1
}

start=$SECONDS
part "crash campaign, SQLite" crash sqlite --seed "$SEED" --crashes "${CRASHES_SQLITE:-4}" --max-seconds "${CRASH_MAX_SECONDS:-900}"
part "crash campaign, PostgreSQL" crash postgres --seed "$SEED" --crashes "${CRASHES_POSTGRES:-2}" --max-seconds "${CRASH_MAX_SECONDS:-900}"
for database in sqlite postgres; do
  [ "$database" = sqlite ] && label="concurrency campaign, SQLite" || label="concurrency campaign, PostgreSQL"
  part "$label" concurrency "$database" --seed "$SEED" --pairs "${PAIRS:-8}" --password-trials "${PASSWORD_TRIALS:-4}" \
    --old-logins "${OLD_LOGINS:-4}" --registration-trials "${REGISTRATION_TRIALS:-6}" --registrants "${REGISTRANTS:-4}"
done
echo "== the four parts took $((SECONDS - start)) s"
echo "reliability: $passed passed, $failed failed"
exit $status
