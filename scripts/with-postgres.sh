#!/usr/bin/env bash
# Runs a command with DATABASE_URL pointing at a real PostgreSQL.
# If DATABASE_URL is already set, it is used as it is. Otherwise a throwaway cluster is started
# (PostgreSQL 15 from /usr/lib/postgresql; as the postgres user when run as root, since
# PostgreSQL refuses to run as root) on a free port, and removed afterwards.
set -euo pipefail

if [ -n "${DATABASE_URL:-}" ]; then
  exec "$@"
fi

bindir=""
for v in 15 16 17 18; do
  if [ -x "/usr/lib/postgresql/$v/bin/initdb" ]; then bindir="/usr/lib/postgresql/$v/bin"; break; fi
done
if [ -z "$bindir" ]; then
  echo "with-postgres: no PostgreSQL server binaries found under /usr/lib/postgresql (apt-get install -y postgresql)" >&2
  exit 1
fi

port=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
dir=$(mktemp -d /tmp/gongzhi-pg.XXXXXX)
as_pg() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [ "$(id -u)" = "0" ]; then chown postgres:postgres "$dir"; fi

cleanup() {
  as_pg "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT

as_pg "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$bindir/pg_ctl" -D "$dir/data" -l "$dir/pg.log" -w \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=on" start >/dev/null
echo "with-postgres: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port" >&2

export DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
set +e
"$@"
rc=$?
set -e
exit $rc
