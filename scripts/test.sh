#!/usr/bin/env bash
# Runs every test: the agent's unit tests, then end-to-end tests that start real host JVMs
# (JDK 17 and Temurin 25) with -javaagent. Installs what the tests need first.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v java >/dev/null 2>&1 || need+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || need+=(maven)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)   # the redis check's tests start real ones
command -v openssl >/dev/null 2>&1 || need+=(openssl)             # certificates for the TLS redis test
command -v setpriv >/dev/null 2>&1 || need+=(util-linux)          # permission tests run a host as nobody
command -v curl >/dev/null 2>&1 || need+=(curl)                      # the docs' examples (DocsIT runs scripts/check-docs.sh)
command -v go >/dev/null 2>&1 || need+=(golang-go)                # the specification's Go client decodes the report
command -v promtool >/dev/null 2>&1 || need+=(prometheus)                # promtool lints /metrics; a real Prometheus scrapes three agents
command -v prometheus-alertmanager >/dev/null 2>&1 || need+=(prometheus-alertmanager)  # notifications reach a real one
command -v chromium >/dev/null 2>&1 || need+=(chromium)                  # the dashboard, tested in a real browser
if [ "${#need[@]}" -gt 0 ]; then
  echo "installing: ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
fi

mvn -B verify "$@"
