#!/usr/bin/env bash
# The agent's port under the full-scale attacks of AgentPortIT (a few minutes): 200 idle keep-alive
# clients, 1,000 slowloris connections for 30 s, 200 oversized heads and declared bodies, 100,000 fuzzed
# requests, 1,000 concurrent probe clients, each while a client probes every 100 ms. Prints each attack's
# probe p99, threads at peak and the host's own latency; fails like the test does.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests install
cd integration-tests
status=0
mvn -B verify -Dsurefire.skip=true -Dit.test=AgentPortIT -Dport.soak=true > target/port-soak.log 2>&1 || status=$?
grep -E "baseline|probes during|fuzz:|probe clients|host latency|Tests run|FAIL|expected" target/port-soak.log || true
exit $status
