package io.healthagent.checks.app;

import java.util.Arrays;
import java.util.List;

/** The frameworks whose checks the agent runs: one more framework is one more entry here and one instrumentation module. */
final class Frameworks {
    static final List<Framework> ALL = Arrays.asList(new Dropwizard(), new Actuator(), new MicroProfile());

    private Frameworks() {
    }

    static Framework of(String source) {
        for (Framework f : ALL) {
            if (f.source().equals(source)) return f;
        }
        throw new IllegalArgumentException("no checks of " + source);
    }
}
