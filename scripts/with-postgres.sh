#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL server: initdb in a temporary directory, listen on a Unix socket
# and a free loopback port, export DATABASE_URL, run the command, stop and delete the server whatever happens.
set -euo pipefail
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bindir/initdb" ] || { echo "PostgreSQL is not installed (no initdb under /usr/lib/postgresql)"; exit 1; }
dir=$(mktemp -d /tmp/petakan-pg.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
# The server refuses to run as root: run it as the postgres user then.
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; fi
cleanup() { as_pg "'$bindir/pg_ctl' -D '$dir/data' -m immediate stop" >/dev/null 2>&1 || true; rm -rf "$dir"; }
trap cleanup EXIT
as_pg "'$bindir/initdb' -D '$dir/data' -U postgres -A trust -E UTF8 --locale=C.UTF-8" >/dev/null
as_pg "'$bindir/pg_ctl' -D '$dir/data' -l '$dir/log' -w -o \"-k '$dir' -p $port -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off\" start" >/dev/null
"$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres petakan
export DATABASE_URL="postgres://postgres@127.0.0.1:$port/petakan"
echo "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on port $port"
"$@"
