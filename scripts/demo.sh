#!/usr/bin/env bash
# Builds the agent and the demo stream server, then runs the server with the agent attached and
# five simulated listeners. Stream server on :8080, agent endpoints on :8082. Ctrl+C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -q -DskipTests package

cat <<TXT
stream server:  http://localhost:8080/api/tracks   http://localhost:8080/stream/1
agent:          http://localhost:8082/health           http://localhost:8082/health/detailed
                http://localhost:8082/health/live      http://localhost:8082/health/ready
                http://localhost:8082/metrics
TXT
exec java -javaagent:agent/target/health-agent.jar=port=8082,check.interval=5s \
  -jar integration-tests/target/stream-server.jar --port 8080 --data-dir stream-data --simulate 5 "$@"
