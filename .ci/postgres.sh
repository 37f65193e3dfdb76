#!/usr/bin/env bash
# Throwaway PostgreSQL 15 cluster for the test suite, on a free loopback port.
#
#   eval "$(.ci/postgres.sh start)"   # installs PostgreSQL if missing, starts a cluster,
#                                      # prints 'export AUTHPLANE_TEST_POSTGRES_URL=...'
#   .ci/postgres.sh stop              # stops it and removes its directory
#
# The cluster lives in a temp directory owned by the 'postgres' user (initdb refuses to run as root).
set -euo pipefail

state_file=${AUTHPLANE_PG_STATE:-/tmp/authplane-test-pg.state}

log() { echo "postgres.sh: $*" >&2; }

pg_bindir() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  return 1
}

install_postgres() {
  if pg_bindir >/dev/null; then return 0; fi
  log "PostgreSQL not found; installing Debian's postgresql package"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
  pg_bindir >/dev/null || { log "PostgreSQL install failed"; exit 1; }
}

as_pg() {
  if [ "$(id -u)" = "0" ]; then
    su postgres -s /bin/bash -c "$*"
  else
    bash -c "$*"
  fi
}

free_port() {
  python3 - <<'PY' 2>/dev/null || echo 55432
import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()
PY
}

start() {
  install_postgres
  local bindir dir port
  bindir=$(pg_bindir)
  if [ "$(id -u)" = "0" ] && ! id postgres >/dev/null 2>&1; then
    useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
  fi
  dir=$(mktemp -d /tmp/authplane-pg.XXXXXX)
  [ "$(id -u)" = "0" ] && chown postgres "$dir"
  port=$(free_port)
  as_pg "'$bindir/initdb' -D '$dir/data' -U authplane --auth=trust -E UTF8 >'$dir/initdb.log' 2>&1" \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  as_pg "'$bindir/pg_ctl' -D '$dir/data' -l '$dir/server.log' -w -t 60 \
      -o \"-p $port -k '$dir' -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=on\" start" >&2 \
    || { cat "$dir/server.log" >&2; exit 1; }
  as_pg "'$bindir/createdb' -h 127.0.0.1 -p $port -U authplane authplane_test" >&2
  printf 'dir=%s\nport=%s\nbindir=%s\n' "$dir" "$port" "$bindir" > "$state_file"
  log "PostgreSQL running on 127.0.0.1:$port (data in $dir)"
  echo "export AUTHPLANE_TEST_POSTGRES_URL='jdbc:postgresql://127.0.0.1:$port/authplane_test?user=authplane'"
  echo "export AUTHPLANE_TEST_POSTGRES_PORT='$port'"
  echo "export AUTHPLANE_TEST_POSTGRES_BINDIR='$bindir'"
  echo "export AUTHPLANE_TEST_POSTGRES_DATA='$dir/data'"
}

stop() {
  [ -f "$state_file" ] || return 0
  # shellcheck disable=SC1090
  . "$state_file"
  as_pg "'$bindir/pg_ctl' -D '$dir/data' -m fast -w stop" >/dev/null 2>&1 || true
  rm -rf "$dir" "$state_file"
  log "PostgreSQL stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
