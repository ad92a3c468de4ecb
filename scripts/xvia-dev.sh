#!/usr/bin/env bash
# X-VIA's development network: the sample backends of DETRAN-MT and SEFAZ-MT and the three demo
# security servers (SS-DETRAN, SS-SEFAZ, SS-MTI), configured by `manage.py xvia_dev_gateways`.
# Each gateway fetches the signed global configuration from the central (the portal) and retries
# until it answers. Stopping this script stops them all. Logs: var/xvia/<server>.log.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
DIR=var/xvia/gateways
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; }
trap cleanup EXIT INT TERM
"$PY" -m xvia.samples detran --port 5601 & pids+=($!)
"$PY" -m xvia.samples sefaz --port 5602 & pids+=($!)
for server in ss-detran ss-sefaz ss-mti; do
    "$PY" -m xvia.gateway --config "$DIR/$server/gateway.toml" >>"var/xvia/$server.log" 2>&1 &
    pids+=($!)
done
wait
