#!/usr/bin/env bash
# Accessibility gate (WCAG 2.1 AA / eMAG 3.1): starts a throw-away portal with the demo data on
# a temporary SQLite database, scans it in headless Chromium with axe-core (scripts/a11y/check.mjs)
# and returns the scan's exit code (non-zero on any violation).
#
#   scripts/a11y/run.sh            # or: make a11y
#   A11Y_PORT=8178 scripts/a11y/run.sh     # another port (default 8177)
#   A11Y_JOBS=1 scripts/a11y/run.sh         # browser contexts scanned at once (default 2)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
PY="${PY:-$ROOT/.venv/bin/python}"
PORT="${A11Y_PORT:-8177}"
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"

log() { printf '[a11y] %s\n' "$*" >&2; }

# --- What the scan needs --------------------------------------------------------------------
if [ ! -x "$PY" ]; then
  log "Python virtualenv missing: installing it (make install)"
  make install >&2
fi
if [ ! -f node_modules/playwright-core/package.json ] || [ ! -f node_modules/axe-core/axe.min.js ]; then
  log "installing the npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error >&2
fi
if [ ! -x "$CHROMIUM" ]; then
  log "Chromium missing: installing the Debian package"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q chromium >&2 || { apt-get update -q >&2 && apt-get install -y -q chromium >&2; }
fi

# --- Throw-away server ----------------------------------------------------------------------
WORK="$(mktemp -d /tmp/plataforma-a11y.XXXXXX)"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then  # something already listens there
  log "port $PORT is already in use: set A11Y_PORT to a free port"
  exit 2
fi

export PYTHONPATH="$ROOT/scripts/a11y${PYTHONPATH:+:$PYTHONPATH}"
export DJANGO_SETTINGS_MODULE=a11y_settings
export DATABASE_URL="sqlite:///$WORK/a11y.sqlite3"
export CELERY_TASK_ALWAYS_EAGER=true
export EMAIL_URL="consolemail://"
export LOG_LEVEL=WARNING

log "preparing the demo database in $WORK"
"$PY" manage.py migrate --noinput -v 0
"$PY" manage.py load_demo >"$WORK/load_demo.log" 2>&1 || { cat "$WORK/load_demo.log" >&2; exit 2; }
"$PY" scripts/a11y/targets.py >"$WORK/targets.json"

log "starting the portal on http://127.0.0.1:$PORT/"
"$PY" manage.py runserver "127.0.0.1:$PORT" --noreload >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
up=""
for _ in $(seq 1 150); do
  if "$PY" -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)" \
    "http://127.0.0.1:$PORT/healthz" 2>/dev/null; then up=1; break; fi
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then cat "$WORK/server.log" >&2; exit 2; fi
  sleep 0.2
done
if [ -z "$up" ]; then log "the portal did not answer on port $PORT"; cat "$WORK/server.log" >&2; exit 2; fi

status=0
node scripts/a11y/check.mjs --base "http://127.0.0.1:$PORT" --targets "$WORK/targets.json" \
  --chromium "$CHROMIUM" --jobs "${A11Y_JOBS:-2}" || status=$?
if [ "$status" -ne 0 ] && [ -s "$WORK/server.log" ]; then
  log "server log (last lines):"
  tail -n 20 "$WORK/server.log" >&2
fi
exit "$status"
