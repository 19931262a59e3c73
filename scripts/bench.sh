#!/usr/bin/env bash
# Builds, fetches the peers from Maven Central (the OpenTelemetry Java agent, Elastic's APM agent, the
# Prometheus JMX exporter agent), then measures the stream server with no agent, with health-agent and with
# each peer, interleaved (and beside each, a Netty host with the same agent; a no-op -javaagent for start
# time), and writes BENCHMARKS.md; then the agents on a small JDK server (AgentCost), where the agent's
# memory goes on the stream server (Footprint), what its port costs, and the JMH hot path, appended to it.
# About 50 minutes on 2 cores, build included. Arguments go to SideBySide, e.g. "--load-runs 5 --bursts 8"
# for more rounds.
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
  -Dmdep.outputFile="$PWD/integration-tests/benchmarks/target/netty-host.classpath"
printf ':%s' "$PWD/integration-tests/servers/target/classes" >> integration-tests/benchmarks/target/netty-host.classpath
# The peers, from Maven Central: the agents an operator would pick instead.
PEERS=integration-tests/benchmarks/target/peers
for artifact in io.opentelemetry.javaagent:opentelemetry-javaagent:2.31.1 co.elastic.apm:elastic-apm-agent:1.52.0 \
    io.prometheus.jmx:jmx_prometheus_javaagent:1.0.1; do
  mvn -B -q dependency:copy -Dartifact="$artifact" -DoutputDirectory="$PEERS" -Dmdep.stripVersion=true
done

java -cp integration-tests/benchmarks/target/benchmarks.jar io.healthagent.benchmarks.SideBySide \
  --agent agent/target/health-agent.jar --otel $PEERS/opentelemetry-javaagent.jar \
  --elastic $PEERS/elastic-apm-agent.jar --jmx-exporter $PEERS/jmx_prometheus_javaagent.jar \
  --server integration-tests/target/stream-server.jar --netty-classpath integration-tests/benchmarks/target/netty-host.classpath \
  --out BENCHMARKS.md "$@"

# What each agent costs the smallest host (the JDK's HttpServer, heap pinned and pre-touched): start, resident
# memory, CPU in its first 12 s, class metadata, classes; 4 interleaved rounds (about 6 minutes).
printf 'rules:\n- pattern: ".*"\n' > "$PEERS/jmx-exporter.yaml"
{ echo; echo "## The agents on a small JDK server"; echo; java -cp integration-tests/benchmarks/target/benchmarks.jar \
  io.healthagent.benchmarks.AgentCost --rounds 4 \
  --config "health-agent|-javaagent:$PWD/agent/target/health-agent.jar=port=18931|http://127.0.0.1:18931/health/detailed,http://127.0.0.1:18931/metrics" \
  --config "OpenTelemetry 2.31.1|-javaagent:$PWD/$PEERS/opentelemetry-javaagent.jar -Dotel.traces.exporter=none -Dotel.logs.exporter=none -Dotel.metrics.exporter=prometheus -Dotel.exporter.prometheus.host=127.0.0.1 -Dotel.exporter.prometheus.port=18932|http://127.0.0.1:18932/metrics" \
  --config "Elastic APM 1.52.0|-javaagent:$PWD/$PEERS/elastic-apm-agent.jar -Delastic.apm.service_name=small -Delastic.apm.disable_send=true -Delastic.apm.central_config=false -Delastic.apm.cloud_provider=NONE -Delastic.apm.log_level=WARN|" \
  --config "JMX exporter 1.0.1|-javaagent:$PWD/$PEERS/jmx_prometheus_javaagent.jar=127.0.0.1:18933:$PWD/$PEERS/jmx-exporter.yaml|http://127.0.0.1:18933/metrics"
} | tee -a BENCHMARKS.md

# Where each megabyte the agent adds goes: NMT categories, heap, classes (3 rounds, about 3 minutes).
{ echo; echo "## Footprint"; echo; java -cp integration-tests/benchmarks/target/benchmarks.jar io.healthagent.benchmarks.Footprint \
  --agent agent/target/health-agent.jar --server integration-tests/target/stream-server.jar --rounds 3; } | tee -a BENCHMARKS.md

# What the agent's own port costs the host (probes and detailed endpoints), written beside the table.
java -cp integration-tests/benchmarks/target/benchmarks.jar io.healthagent.benchmarks.ProbeCost \
  --agent agent/target/health-agent.jar --server integration-tests/target/stream-server.jar | tee integration-tests/benchmarks/target/probe-cost.md

java -jar integration-tests/benchmarks/target/benchmarks.jar -prof gc -wi 3 -w 1s -i 5 -r 1s | tee integration-tests/benchmarks/target/jmh.txt | grep -E '^Benchmark|avgt'

# The hot path's figures beside the targets (issue 14: at most 50 ns and 0 B per request and per message).
{ echo; echo "## Hot path (JMH, JDK $(java -version 2>&1 | head -1 | cut -d'"' -f2), 1 fork, 5 x 1 s after 3 x 1 s)"; echo
  echo '```'; grep -E '^HotPathBenchmark\.[A-Za-z0-9]+(:gc\.alloc\.rate\.norm)? +avgt' integration-tests/benchmarks/target/jmh.txt; echo '```'
} >> BENCHMARKS.md
