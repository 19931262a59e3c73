#!/usr/bin/env bash
# Builds, fetches the OpenTelemetry Java agent from Maven Central, then measures the stream server with
# no agent, with health-agent and with the OpenTelemetry agent, interleaved (and beside each, a Netty host
# with the same agent; a no-op -javaagent for start time), and writes BENCHMARKS.md; then where the
# agent's memory goes (Footprint, appended to BENCHMARKS.md), what its port costs, and the JMH hot path.
# About 30 minutes on 2 cores, build included. Arguments go to SideBySide, e.g. "--without-otel true
# --bursts 16" for more rounds of health-agent against no agent in the same time.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v wrk >/dev/null 2>&1 || need+=(wrk)
command -v taskset >/dev/null 2>&1 || need+=(util-linux)
if [ "${#need[@]}" -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
fi

mvn -B -q -DskipTests install
# The second server: the servers module's Netty host, run from its class path.
mvn -B -q dependency:build-classpath -pl integration-tests/servers -Dmdep.includeScope=runtime \
  -Dmdep.outputFile="$PWD/benchmarks/target/netty-host.classpath"
printf ':%s' "$PWD/integration-tests/servers/target/classes" >> benchmarks/target/netty-host.classpath
mvn -B -q dependency:copy -Dartifact=io.opentelemetry.javaagent:opentelemetry-javaagent:2.31.1 \
  -DoutputDirectory=benchmarks/target/otel -Dmdep.stripVersion=true

java -cp benchmarks/target/benchmarks.jar io.healthagent.benchmarks.SideBySide \
  --agent agent/target/health-agent.jar --otel benchmarks/target/otel/opentelemetry-javaagent.jar \
  --server integration-tests/target/stream-server.jar --netty-classpath benchmarks/target/netty-host.classpath \
  --out BENCHMARKS.md "$@"

# Where each megabyte the agent adds goes: NMT categories, heap, classes (3 rounds, about 3 minutes).
{ echo; echo "## Footprint"; echo; java -cp benchmarks/target/benchmarks.jar io.healthagent.benchmarks.Footprint \
  --agent agent/target/health-agent.jar --server integration-tests/target/stream-server.jar --rounds 3; } | tee -a BENCHMARKS.md

# What the agent's own port costs the host (probes and detailed endpoints), written beside the table.
java -cp benchmarks/target/benchmarks.jar io.healthagent.benchmarks.ProbeCost \
  --agent agent/target/health-agent.jar --server integration-tests/target/stream-server.jar | tee benchmarks/target/probe-cost.md

java -jar benchmarks/target/benchmarks.jar -prof gc -wi 3 -w 1s -i 5 -r 1s | tee benchmarks/target/jmh.txt | grep -E '^Benchmark|avgt'

# The hot path's figures beside the targets (issue 14: at most 50 ns and 0 B per request and per message).
{ echo; echo "## Hot path (JMH, JDK $(java -version 2>&1 | head -1 | cut -d'"' -f2), 1 fork, 5 x 1 s after 3 x 1 s)"; echo
  echo '```'; grep -E '^HotPathBenchmark\.[A-Za-z0-9]+(:gc\.alloc\.rate\.norm)? +avgt' benchmarks/target/jmh.txt; echo '```'
} >> BENCHMARKS.md
