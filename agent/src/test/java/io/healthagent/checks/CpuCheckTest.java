package io.healthagent.checks;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.healthagent.config.Thresholds;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The cpu check inside a quota: usage is read over many of the quota's periods, never over a late run's tail. */
class CpuCheckTest {
    private static final Pattern FIGURES = Pattern.compile("CPU usage at ([\\d.]+)% of the container's 0\\.5 cores "
            + "over ([\\d.]+) s \\(throttled in \\d+% of periods\\)");

    private static final HostResources MACHINE = new HostResources() {
        @Override
        public long[] cpuTicks() {
            return new long[] {0, 0};
        }

        @Override
        public long[] memory() {
            return new long[] {1, 1};
        }

        @Override
        public long establishedConnections() {
            return 0;
        }
    };

    @Test
    void aRunRightAfterAnotherReadsOverTheWindowBeforeIt() throws Exception {
        Path root = CgroupsTest.v2(-1, 0, 0, 0);
        // Half a core enforced over 10 ms periods: ten periods are 100 ms.
        CgroupsTest.write(root, "sys/fs/cgroup/cpu.max", "5000 10000\n");
        cpuStat(root, 0);
        SystemChecks.Cpu check = new SystemChecks.Cpu(MACHINE, Cgroups.detect(root), Thresholds.defaults(), 20);
        Matcher first = figures(check.run());
        assertTrue(Double.parseDouble(first.group(2)) >= 0.2, "the first run's two readings 250 ms apart: " + first.group());

        // 50 ms of CPU time, read straight after the first run: a 1 ms window would make it thousands of percent.
        cpuStat(root, 50_000);
        Matcher next = figures(check.run());
        double window = Double.parseDouble(next.group(2));
        double percent = Double.parseDouble(next.group(1));
        assertTrue(window >= 0.2, "over the first reading's window, not the millisecond since the last run: " + next.group());
        assertTrue(percent > 5 && percent <= 40.5, "50 ms of CPU over 250 ms or more of half a core: " + next.group());
    }

    private static void cpuStat(Path root, long usageMicros) throws Exception {
        CgroupsTest.write(root, "sys/fs/cgroup/cpu.stat", "usage_usec " + usageMicros + "\nnr_periods 10\nnr_throttled 0\n");
    }

    private static Matcher figures(CheckOutcome outcome) {
        Matcher m = FIGURES.matcher(outcome.message);
        assertTrue(m.matches(), outcome.message);
        return m;
    }
}
