#!/usr/bin/env bash
# API fuzzing from the OpenAPI document, as an outside integrator would: Schemathesis generates
# requests (valid and invalid) for every operation of /api/v1/openapi.json and checks that no
# response is a server error and that every response conforms to the documented schema.
# Runs against a throw-away portal with the demo data (SQLite under /tmp, DEBUG off).
# Usage: scripts/fuzz/run.sh  (FUZZ_PORT, FUZZ_EXAMPLES and FUZZ_SEED change the defaults)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
PY="$ROOT/.venv/bin/python"
PORT="${FUZZ_PORT:-8178}"
EXAMPLES="${FUZZ_EXAMPLES:-60}"
SCHEMATHESIS_VERSION="4.32.5"
FUZZ_VENV="$ROOT/.venv-fuzz"

log() { printf '[fuzz] %s\n' "$*" >&2; }

[ -x "$PY" ] || make install >&2
# Schemathesis lives in its own environment: its pins (hypothesis, pytest plugins) must not
# change the platform's.
if ! "$FUZZ_VENV/bin/st" --version 2>/dev/null | grep -q "$SCHEMATHESIS_VERSION"; then
  log "installing Schemathesis $SCHEMATHESIS_VERSION into .venv-fuzz"
  python3 -m venv "$FUZZ_VENV"
  "$FUZZ_VENV/bin/pip" install --quiet "schemathesis==$SCHEMATHESIS_VERSION"
fi

# shellcheck source=../lib/throwaway-portal.sh
. "$ROOT/scripts/lib/throwaway-portal.sh"
export DEBUG=false
portal_start "$PORT" fuzz

status=0
# positive_data_acceptance is left out on purpose: a well-formed but unknown filter value
# (for example orgao=zzz) is answered 400 "Órgão inexistente", which is the documented behaviour.
# Run from the throw-away folder: Schemathesis keeps its working files in the current directory.
(cd "$WORK" && "$FUZZ_VENV/bin/st" run "http://127.0.0.1:$PORT/api/v1/openapi.json" \
  --checks all --exclude-checks positive_data_acceptance \
  --max-examples "$EXAMPLES" --workers 2 --generation-allow-x00 true \
  --generation-database none ${FUZZ_SEED:+--seed "$FUZZ_SEED"} \
  --report-dir "$WORK/report") || status=$?
if grep -q "Traceback" "$WORK/server.log"; then
  log "the server logged an exception:"
  grep -B2 -A30 "Traceback" "$WORK/server.log" | head -80 >&2
  status=1
fi
exit "$status"
