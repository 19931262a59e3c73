#!/usr/bin/env python3
"""Two Netty hosts side by side, each with its own agent (or none), loaded in turn: CPU per request and
throughput of B over A as medians of paired ratios, with their noise (the 68% band of the median).

A quick A/B for a change on the event-loop path, finer than bench.sh's figure for the same route because it
spends all its time on that one route. Needs what scripts/bench.sh builds first (the Netty host's class
path, in integration-tests/benchmarks/target/netty-host.classpath) and wrk; both hosts on core 0, wrk on core 1.

  scripts/netty-ab.py none agent/target/health-agent.jar [rounds]      # the agent against no agent
  scripts/netty-ab.py /tmp/before/health-agent.jar agent/target/health-agent.jar 20
"""
import glob, os, re, statistics, subprocess, sys, time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
classpath = open(os.path.join(root, 'integration-tests/benchmarks/target/netty-host.classpath')).read().strip()
agents = sys.argv[1:3]
rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 16
hosts = []
for i, jar in enumerate(agents):
    args = ['taskset', '-c', '0', 'java']
    if jar != 'none':
        args.append(f'-javaagent:{os.path.abspath(jar)}=port={19700 + i}')
    args += ['-cp', classpath, 'demo.hosts.NettyHost', '--port', str(19100 + i)]
    hosts.append(subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))


def cpu_nanos(pid):
    total = 0
    for f in glob.glob(f'/proc/{pid}/task/*/schedstat'):
        try:
            total += int(open(f).read().split()[0])
        except (OSError, ValueError):
            pass  # a thread that ended meanwhile
    return total


def burst(i, seconds):
    before = cpu_nanos(hosts[i].pid)
    out = subprocess.run(['taskset', '-c', '1', 'wrk', '-t1', '-c16', f'-d{seconds}s',
                          f'http://127.0.0.1:{19100 + i}/api/tracks/1'], capture_output=True, text=True).stdout
    used = cpu_nanos(hosts[i].pid) - before
    served = re.search(r'(\d+) requests in', out)
    if served is None or int(served.group(1)) == 0:
        raise ConnectionError(f'host {i} answered nothing: {out.strip()[:200]}')
    requests = int(served.group(1))
    return requests / seconds, used / requests


def noise(ratios):
    q = statistics.quantiles(ratios, n=4)
    return 0.93 * (q[2] - q[0]) / statistics.median(ratios) / len(ratios) ** 0.5


try:
    deadline = time.time() + 30
    while True:  # both up: a first burst answers
        try:
            burst(0, 1), burst(1, 1)
            break
        except ConnectionError:
            if time.time() > deadline:
                raise
            time.sleep(0.5)
    for _ in range(8):  # warm both until their JITs have compiled the route
        burst(0, 4), burst(1, 4)
    cpu, rps = [], []
    for r in range(rounds):
        a, b = burst(0, 3), burst(1, 3)
        rps.append(b[0] / a[0])
        cpu.append(b[1] / a[1])
        print(f'round {r}: A {a[0]:.0f}/s {a[1]:.0f} ns, B {b[0]:.0f}/s {b[1]:.0f} ns', flush=True)
    print(f'B/A: CPU per request {statistics.median(cpu):.4f} ±{100 * noise(cpu):.2f}%, '
          f'throughput {statistics.median(rps):.4f} ±{100 * noise(rps):.2f}%')
finally:
    for h in hosts:
        h.kill()
