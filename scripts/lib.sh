# Shared by scripts/test and scripts/bench: root helpers and a throwaway PostgreSQL in a temporary
# folder on a free port (sourced, not run).

log() { printf '\n==> %s\n' "$*"; }

PG_DIR=""
PG_BIN=""
PG_RUN=()

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else echo "test: need root or sudo to run: $*" >&2; return 1
  fi
}

pg_bindir() {
  local d
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v initdb)"; return 0
  fi
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [[ -x $d/initdb && -x $d/pg_ctl ]]; then echo "$d"; return 0; fi
  done
  return 1
}

free_port() {
  # ask the kernel for a free port on 127.0.0.1
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null ||
    node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

stop_postgres() {
  if [[ -n $PG_DIR && -d $PG_DIR ]]; then
    "${PG_RUN[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
  fi
}

start_postgres() {
  PG_BIN=$(pg_bindir) || { echo "test: PostgreSQL binaries not found" >&2; exit 1; }
  PG_DIR=$(mktemp -d /tmp/veiviser-pg.XXXXXX)
  PG_RUN=()
  if [[ $(id -u) -eq 0 ]]; then
    # PostgreSQL refuses to run as root: run it as the postgres user, who owns the folder
    # (Debian's package creates that user; a hand-built PostgreSQL may not have)
    id -u postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
    chown postgres: "$PG_DIR"
    chmod 700 "$PG_DIR"
    PG_RUN=(runuser -u postgres --)
  fi
  local port
  port=$(free_port)
  log "starting a throwaway PostgreSQL on 127.0.0.1:$port in $PG_DIR"
  "${PG_RUN[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --no-instructions >"$PG_DIR/initdb.log" 2>&1 ||
    { cat "$PG_DIR/initdb.log" >&2; exit 1; }
  "${PG_RUN[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/postgres.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $PG_DIR -c max_connections=200" start >/dev/null ||
    { cat "$PG_DIR/postgres.log" >&2; exit 1; }
  export VEIVISER_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"
}

# front_end_assets installs the pinned npm packages when they are missing or older than the lockfile
# (npm writes node_modules/.package-lock.json on every install, so an empty or half-written folder
# counts as missing) and copies what the web UI embeds into internal/web/static/vendor.
front_end_assets() {
  if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
    npm ci --no-audit --no-fund
  fi
  ./scripts/vendor-assets
}
