#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for tests and benchmarks, on 127.0.0.1 only.
#
#   eval "$(scripts/pg-test-cluster.sh start)"   # sets PG_URL and PG_DIR
#   scripts/pg-test-cluster.sh down "$PG_DIR"    # stop the server, keep the data
#   scripts/pg-test-cluster.sh up "$PG_DIR"      # start it again (same port)
#   scripts/pg-test-cluster.sh stop "$PG_DIR"    # stop and delete everything
#
# start: initdb (--no-sync: only its own set-up is not flushed; the server
# still fsyncs every commit) in a new temp dir (trust auth: the server listens on loopback
# and a socket in that dir only), a free port, database "tessera"; prints
# PG_URL=postgresql://postgres@127.0.0.1:PORT/tessera and PG_DIR=DIR.
# initdb and postgres refuse to run as root, so as root they run as the
# `postgres` system user (installed with Debian's postgresql package).
set -euo pipefail

log() { printf 'pg-test-cluster: %s\n' "$*" >&2; }
die() { printf 'pg-test-cluster: ERROR: %s\n' "$*" >&2; exit 1; }

bindir=""
for d in "$(pg_config --bindir 2>/dev/null || true)" /usr/lib/postgresql/*/bin; do
  if [[ -n "$d" && -x "$d/initdb" && -x "$d/pg_ctl" ]]; then bindir=$d; fi
done
[[ -n "$bindir" ]] || die "no initdb/pg_ctl found; run scripts/setup.sh (Debian package postgresql)"

as_db_user() {
  if [[ $EUID -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || die "running as root but there is no 'postgres' user"
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

pg_ctl_start() {  # dir
  # -w waits until the server accepts connections; -t bounds that wait.
  as_db_user "$bindir/pg_ctl" -D "$1/data" -l "$1/server.log" -w -t 30 start >/dev/null
}

cmd=${1:-}
case "$cmd" in
  start)
    dir=$(mktemp -d /tmp/tessera-pg.XXXXXX)
    chmod 0755 "$dir"
    [[ $EUID -eq 0 ]] && chown postgres: "$dir"
    as_db_user "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --no-sync \
      --no-instructions >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
    started=""
    for _ in 1 2 3; do  # a port picked free can be taken before we bind it
      port=$(free_port)
      {
        echo "listen_addresses = '127.0.0.1'"
        echo "port = $port"
        echo "unix_socket_directories = '$dir'"
        echo "max_connections = 60"
        echo "shared_buffers = 64MB"
      } >>"$dir/data/postgresql.conf"
      if pg_ctl_start "$dir"; then started=yes; break; fi
      log "start on port $port failed; retrying"
    done
    [[ -n "$started" ]] || { cat "$dir/server.log" >&2; die "postgres did not start"; }
    as_db_user "$bindir/createdb" -h "$dir" -p "$port" -U postgres tessera
    echo "PG_URL=postgresql://postgres@127.0.0.1:$port/tessera"
    echo "PG_DIR=$dir"
    ;;
  down)
    [[ -d "${2:-}/data" ]] || die "usage: $0 down DIR"
    as_db_user "$bindir/pg_ctl" -D "$2/data" -m fast -w -t 30 stop >/dev/null
    ;;
  up)
    [[ -d "${2:-}/data" ]] || die "usage: $0 up DIR"
    pg_ctl_start "$2"
    ;;
  stop)
    [[ -d "${2:-}/data" ]] || die "usage: $0 stop DIR"
    [[ "$2" == /tmp/tessera-pg.* ]] || die "refusing to delete $2 (not made by start)"
    as_db_user "$bindir/pg_ctl" -D "$2/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
    rm -rf "$2"
    ;;
  *)
    die "usage: $0 start | down DIR | up DIR | stop DIR"
    ;;
esac
