#!/usr/bin/env bash
# Start the Celery worker (with its beat scheduler for periodic jobs) and the web server
# together; stopping the server (Ctrl+C) stops the worker too.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
PORT=${PORT:-8000}
# The address in e-mails and MT Login's issuer (OpenID discovery) follow the port served.
export SITE_URL=${SITE_URL:-http://127.0.0.1:${PORT}}
mkdir -p var/broker/queue var/broker/processed var/broker/control
"$(dirname "$PY")/celery" -A plataforma worker --beat --pool=solo --loglevel=warning \
    --schedule var/celerybeat-schedule &
worker=$!
trap 'kill $worker 2>/dev/null || true' EXIT INT TERM
echo "Portal em ${SITE_URL}/ — gestão da Carta em ${SITE_URL}/gestao/carta/ — MT Login: ${SITE_URL}/.well-known/openid-configuration"
"$PY" manage.py runserver "127.0.0.1:${PORT}"
