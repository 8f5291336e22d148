#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests, on 127.0.0.1 and a free port, in a temporary folder.
#   eval "$(scripts/pg_test_server.sh start)"   # prints: export KHOBOR_TEST_PG=postgresql://…; export KHOBOR_TEST_PG_DIR=…
#   scripts/pg_test_server.sh stop              # stops it and removes the folder (uses $KHOBOR_TEST_PG_DIR)
# Needs Debian's `postgresql` package (apt-get install -y postgresql). As root, the server runs as the
# `postgres` system user (PostgreSQL refuses to run as root). Messages go to stderr; stdout is only the
# export lines, so `eval` is safe.
set -euo pipefail

STATE=${TMPDIR:-/tmp}/khobor-pg-test.dir

find_bin() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return 0; }
  return 1
}

as_pg() {
  if [ "$(id -u)" = 0 ]; then
    if command -v runuser >/dev/null 2>&1; then runuser -u postgres -- "$@"; else su postgres -s /bin/sh -c "$(printf '%q ' "$@")"; fi
  else
    "$@"
  fi
}

start() {
  local bin dir port
  bin=$(find_bin) || { echo "pg_test_server: PostgreSQL is not installed (apt-get install -y postgresql)" >&2; exit 1; }
  if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
    echo "pg_test_server: running as root but there is no postgres user" >&2; exit 1
  fi
  dir=$(mktemp -d "${TMPDIR:-/tmp}/khobor-pg.XXXXXX")
  chmod 755 "$dir"
  [ "$(id -u)" = 0 ] && chown postgres "$dir"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
  as_pg "$bin/initdb" -D "$dir/data" -U khobor --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || as_pg "$bin/initdb" -D "$dir/data" -U khobor --auth=trust -E UTF8 --locale=C >"$dir/initdb.log" 2>&1 \
    || { echo "pg_test_server: initdb failed (see $dir/initdb.log)" >&2; exit 1; }
  as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null 2>&1 || { echo "pg_test_server: server did not start (see $dir/server.log)" >&2; exit 1; }
  echo "$dir" >"$STATE"
  echo "pg_test_server: PostgreSQL on 127.0.0.1:$port ($dir)" >&2
  echo "export KHOBOR_TEST_PG=postgresql://khobor@127.0.0.1:$port/postgres"
  echo "export KHOBOR_TEST_PG_DIR=$dir"
}

stop() {
  local bin dir
  dir=${KHOBOR_TEST_PG_DIR:-}
  [ -z "$dir" ] && [ -f "$STATE" ] && dir=$(cat "$STATE")
  [ -n "$dir" ] && [ -d "$dir/data" ] || { echo "pg_test_server: nothing to stop" >&2; return 0; }
  bin=$(find_bin) || true
  as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  case "$dir" in "${TMPDIR:-/tmp}"/khobor-pg.*) rm -rf "$dir" ;; esac
  rm -f "$STATE"
  echo "pg_test_server: stopped" >&2
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
