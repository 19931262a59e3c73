package io.healthagent.instrumentation.weaver;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What test advice saw, in order. Public: woven code in another loader calls it. */
public final class Recorded {
    public static final List<String> EVENTS = Collections.synchronizedList(new ArrayList<>());

    private Recorded() {
    }

    public static void add(String event) {
        EVENTS.add(event);
    }
}
