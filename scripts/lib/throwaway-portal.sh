# Shared by the gates that test the running portal from outside (scripts/a11y, scripts/fuzz).
# Source it, then call `portal_start PORT LOG_PREFIX`: it makes a temporary folder ($WORK) with a
# SQLite database, migrates it, loads the demo data, starts runserver on 127.0.0.1:PORT and waits
# until /healthz answers. The server and the folder are removed when the calling script exits.
# Expects $PY (the project's Python) and runs from the repository root.

WORK=""
SERVER_PID=""

portal_cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  [ -n "$WORK" ] && rm -rf "$WORK"
}

portal_start() {
  local port="$1" name="$2"
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then  # something already listens there
    printf '[%s] port %s is already in use\n' "$name" "$port" >&2
    exit 2
  fi
  WORK="$(mktemp -d "/tmp/plataforma-$name.XXXXXX")"
  trap portal_cleanup EXIT
  trap 'exit 130' INT TERM
  export DATABASE_URL="sqlite:///$WORK/portal.sqlite3"
  export CELERY_TASK_ALWAYS_EAGER=true
  export EMAIL_URL="consolemail://"
  export LOG_LEVEL=WARNING
  export CEP_PROVIDER=none  # scans and fuzzing never call the real CEP service

  printf '[%s] preparing the demo database in %s\n' "$name" "$WORK" >&2
  "$PY" manage.py migrate --noinput -v 0
  "$PY" manage.py load_demo >"$WORK/load_demo.log" 2>&1 || { cat "$WORK/load_demo.log" >&2; exit 2; }

  printf '[%s] starting the portal on http://127.0.0.1:%s/\n' "$name" "$port" >&2
  "$PY" manage.py runserver "127.0.0.1:$port" --noreload >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 150); do
    if "$PY" -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)" \
      "http://127.0.0.1:$port/healthz" 2>/dev/null; then
      return 0
    fi
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log" >&2; exit 2; }
    sleep 0.2
  done
  printf '[%s] the portal did not answer on port %s\n' "$name" "$port" >&2
  cat "$WORK/server.log" >&2
  exit 2
}
