package io.healthagent.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentErrorsTest {

    /** Under a full heap the first error's line cannot be built: it is counted now and written once it can be. */
    @Test
    void aLineThatCannotBeWrittenIsWrittenLaterOnce() {
        List<String> lines = new ArrayList<>();
        boolean[] full = {true};
        AgentErrors.logTo(line -> {
            if (full[0]) throw new OutOfMemoryError("Java heap space");
            lines.add(line);
        });
        try {
            AgentErrors.record("test.full-heap", new OutOfMemoryError("Java heap space"));
            AgentErrors.record("test.full-heap", new IllegalStateException("second"));
            AgentErrors.logPending();
            assertEquals(List.of(), lines, "nothing can be written yet");
            full[0] = false;
            AgentErrors.logPending();
            AgentErrors.logPending();
            AgentErrors.record("test.full-heap", new IllegalStateException("third"));
            assertEquals(1, lines.size(), lines.toString());
            assertEquals(AgentErrors.LOG_PREFIX + "test.full-heap: java.lang.OutOfMemoryError: Java heap space (counted in"
                    + " health_agent_errors_total; further errors at this site are not logged)", lines.get(0));
            assertEquals(3L, AgentErrors.counts().get("test.full-heap"));
        } finally {
            AgentErrors.logTo(System.err::println);
        }
    }
}
