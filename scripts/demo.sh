#!/usr/bin/env bash
# Builds the agent and the demo stream server, then runs the server with the agent attached and
# five simulated listeners. Stream server on :8080, agent endpoints on :8082. Ctrl+C stops it.
# The agent checks the server's own SQLite catalogue, audio and cache directories, and a local
# redis-server on :6380 (installed from Debian if missing, stopped with the demo), and Jaeger when
# JAEGER_ENDPOINT names its admin health URL.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v redis-server >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server
fi
mvn -B -q -DskipTests package

data=stream-data
mkdir -p "$data"
redis-server --port 6380 --bind 127.0.0.1 --save '' --appendonly no --daemonize no >"$data/redis.log" 2>&1 &
redis_pid=$!
trap 'kill $redis_pid 2>/dev/null || true' EXIT

cat <<TXT
stream server:  http://localhost:8080/api/tracks   http://localhost:8080/stream/1
                ws://localhost:8080/ws/now-playing/jazz   http://localhost:8080/api/live?seconds=10
dashboard:      http://localhost:8082/
agent:          http://localhost:8082/health           http://localhost:8082/health/detailed
                http://localhost:8082/health/live      http://localhost:8082/health/ready
                http://localhost:8082/metrics          http://localhost:8082/health/report?format=text
                curl -X POST http://localhost:8082/health/checks/run
                (set ALERT_WEBHOOK_URL or ALERTMANAGER_URL to send the alerts there)
TXT
agent="port=8082,check.interval=5s,db.url=jdbc:sqlite:$data/catalog.db,audio.dir=$data/audio"
agent="$agent,cache.dir=$data/cache,redis.url=redis://127.0.0.1:6380,websocket.max_connections=1000"
agent="$agent,check.catalog_api.url=http://127.0.0.1:8080/api/tracks"
if [ -n "${ALERT_WEBHOOK_URL:-}" ]; then export HEALTH_AGENT_ALERT_WEBHOOK_URL="$ALERT_WEBHOOK_URL"; fi
if [ -n "${ALERTMANAGER_URL:-}" ]; then agent="$agent,alertmanager.url=$ALERTMANAGER_URL"; fi
# Debian has no Jaeger server: set JAEGER_ENDPOINT (its admin health URL) to check a real one.
agent="$agent${JAEGER_ENDPOINT:+,jaeger.endpoint=$JAEGER_ENDPOINT}"
java -javaagent:agent/target/health-agent.jar="$agent" \
  -jar integration-tests/target/stream-server.jar --port 8080 --data-dir "$data" --simulate 5 "$@"
