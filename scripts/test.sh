#!/usr/bin/env bash
# Sets up everything the test suite needs and runs it:
#   - Debian packages (when run as root with apt): chromium + Bengali fonts for the browser tests,
#     postgresql for the PostgreSQL backend tests, a Java runtime for the Spark tests;
#   - ./.venv with khobor and its dev, postgres and spark extras;
#   - a throwaway PostgreSQL server on 127.0.0.1 (stopped at exit);
# then runs pytest. Tests whose service is missing skip with a clear reason.
set -uo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
[ -d /usr/share/fonts/truetype/noto ] || need+=(fonts-noto-core)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
if [ ${#need[@]} -gt 0 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "test.sh: installing ${need[*]} (apt-get)"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}") \
    >/tmp/khobor-apt.log 2>&1 || echo "test.sh: apt-get failed (see /tmp/khobor-apt.log); dependent tests will skip"
fi

[ -x .venv/bin/python ] || "$PY" -m venv .venv || exit 1
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".[dev,postgres,spark]" || exit 1

if [ -z "${KHOBOR_TEST_PG:-}" ] && [ -x scripts/pg_test_server.sh ]; then
  # shellcheck disable=SC1090
  eval "$(scripts/pg_test_server.sh start)" || echo "test.sh: no PostgreSQL server; PostgreSQL tests will skip"
  trap 'scripts/pg_test_server.sh stop >/dev/null 2>&1 || true' EXIT
fi

.venv/bin/python -m pytest "$@"
rc=$?
[ $rc -eq 5 ] && { echo "test.sh: pytest collected no tests"; exit 1; }
exit $rc
