#!/usr/bin/env bash
# Start the Celery worker (with its beat scheduler for periodic jobs) and the web server
# together; stopping the server (Ctrl+C) stops the worker too.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
PORT=${PORT:-8000}
# The address in e-mails and MT Login's issuer (OpenID discovery) follow the port served.
export SITE_URL=${SITE_URL:-http://127.0.0.1:${PORT}}
# The portal calls other agencies through its own X-VIA security server (SS-MTI).
export XVIA_PORTAL_SECURITY_SERVER=${XVIA_PORTAL_SECURITY_SERVER:-http://127.0.0.1:5513}
mkdir -p var/broker/queue var/broker/processed var/broker/control
"$PY" manage.py xvia_dev_gateways >/dev/null
"$(dirname "$PY")/celery" -A plataforma worker --beat --pool=solo --loglevel=warning \
    --schedule var/celerybeat-schedule &
worker=$!
PY="$PY" scripts/xvia-dev.sh &
xvia=$!
trap 'kill $worker $xvia 2>/dev/null || true' EXIT INT TERM
echo "Portal em ${SITE_URL}/ — gestão da Carta em ${SITE_URL}/gestao/carta/ — MT Login: ${SITE_URL}/.well-known/openid-configuration"
echo "X-VIA: servidores de segurança SS-DETRAN, SS-SEFAZ e SS-MTI no ar; veja uma chamada passar com: make xvia-demo"
"$PY" manage.py runserver "127.0.0.1:${PORT}"
