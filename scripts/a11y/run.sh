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
# shellcheck source=../lib/throwaway-portal.sh
. "$ROOT/scripts/lib/throwaway-portal.sh"
export PYTHONPATH="$ROOT/scripts/a11y${PYTHONPATH:+:$PYTHONPATH}"
export DJANGO_SETTINGS_MODULE=a11y_settings
portal_start "$PORT" a11y
"$PY" scripts/a11y/targets.py >"$WORK/targets.json"

status=0
node scripts/a11y/check.mjs --base "http://127.0.0.1:$PORT" --targets "$WORK/targets.json" \
  --chromium "$CHROMIUM" --jobs "${A11Y_JOBS:-2}" || status=$?
if [ "$status" -ne 0 ] && [ -s "$WORK/server.log" ]; then
  log "server log (last lines):"
  tail -n 20 "$WORK/server.log" >&2
fi
exit "$status"
