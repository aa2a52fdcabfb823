#!/usr/bin/env bash
# Serve the dashboard to others from one machine without systemd (and in the Docker image): one app process per core
# on 127.0.0.1, nginx in front asking for the password. Stops them all when it is stopped or when any of them ends.
#
#   DASHBOARD_PSEUDONYM_KEY=<64 hex digits> DASHBOARD_PASSWORD_FILE=/etc/dashboard/htpasswd bash deploy/start.sh
#
# Settings, from the environment: DASHBOARD_REPLICAS (default: the number of cores), DASHBOARD_FIRST_PORT (8501; the
# replicas take the ports from there up), DASHBOARD_LISTEN (nginx's address, 127.0.0.1:8080), DASHBOARD_RUN_DIR
# (nginx's configuration, logs and temporary files; default: a new temporary folder), DASHBOARD_CERTIFICATE and
# DASHBOARD_CERTIFICATE_KEY (PEM files: TLS on DASHBOARD_LISTEN), PYTHON (.venv/bin/python), NGINX (nginx).
# DASHBOARD_WAREHOUSE and DASHBOARD_NAMES reach every replica as they are.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${DASHBOARD_PSEUDONYM_KEY:-}" ]; then
  echo "Set DASHBOARD_PSEUDONYM_KEY: every replica must use the same key (see deploy/README.md)." >&2
  exit 2
fi
password_file="${DASHBOARD_PASSWORD_FILE:?Set DASHBOARD_PASSWORD_FILE to a file made by deploy/make-password.sh}"
if [ ! -r "$password_file" ]; then
  echo "Cannot read the password file $password_file: make it with deploy/make-password.sh." >&2
  exit 2
fi
python="${PYTHON:-.venv/bin/python}"
nginx="${NGINX:-$(PATH="$PATH:/usr/sbin" command -v nginx)}"
replicas="${DASHBOARD_REPLICAS:-$(nproc)}"
first_port="${DASHBOARD_FIRST_PORT:-8501}"
run_dir="${DASHBOARD_RUN_DIR:-$(mktemp -d -t dashboard-nginx.XXXXXX)}"

ports=()
for ((i = 0; i < replicas; i++)); do ports+=("$((first_port + i))"); done
tls=()
if [ -n "${DASHBOARD_CERTIFICATE:-}" ]; then
  tls=(--certificate "$DASHBOARD_CERTIFICATE" --certificate-key "${DASHBOARD_CERTIFICATE_KEY:?and its key}")
fi
"$python" deploy/nginx_config.py --ports "${ports[@]}" --listen "${DASHBOARD_LISTEN:-127.0.0.1:8080}" \
  --password-file "$password_file" "${tls[@]}" --standalone "$run_dir" >/dev/null

children=()
stop_all() {
  trap - TERM INT
  kill "${children[@]}" 2>/dev/null || true
  wait
}
trap stop_all EXIT
trap 'exit 143' TERM INT
for port in "${ports[@]}"; do
  "$python" -m dashboard.serve --server.port "$port" &
  children+=("$!")
done
"$nginx" -p "$run_dir" -e "$run_dir/logs/error.log" -c nginx.conf &
children+=("$!")
echo "Serving on ${DASHBOARD_LISTEN:-127.0.0.1:8080}: ${replicas} replicas on 127.0.0.1:${ports[0]}-${ports[-1]}, nginx in $run_dir" >&2
wait -n  # the first of them to end ends the rest
