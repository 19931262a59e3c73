#!/usr/bin/env bash
# The host's faults and neighbours, the whole matrix (about 6 minutes): each other agent before and after
# ours, 100,000 scanner requests on Netty and on the stream server, the three virtual-thread servers, a
# read-only root file system, a host out of heap, hanging notification targets, the agent twice and its
# jar replaced. The suite runs the same tests in a reduced form. Prints each case's figures; fails like
# the tests do.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests install
status=0
(cd integration-tests && mvn -B verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dfaults.full=true \
    -Dit.test='NeighboursIT,NotificationsIT#aTargetThatHangs*' > target/faults.log 2>&1) || status=$?
(cd integration-tests/servers && mvn -B verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dfaults.full=true \
    -Dit.test='NettyIT#aRouteScanner*,TomcatIT#tomcatOnVirtual*' > target/faults.log 2>&1) || status=$?
grep -hE "scanner requests|out of heap|agent errors|hanging targets|requests answered|at once on|read-only root|Tests run:|FAIL|expected" \
    integration-tests/target/faults.log integration-tests/servers/target/faults.log || true
exit $status
