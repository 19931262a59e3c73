package io.healthagent.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** Names as they are: quoted only where ObjectName requires it, and read back as they were. */
class JmxViewTest {
    @Test
    void namesAreQuotedOnlyWhereObjectNameRequiresIt() throws Exception {
        assertEquals("io.healthagent:type=Check,name=cpu", JmxView.name("Check", "cpu").toString());
        assertEquals("io.healthagent:type=Route,name=/api/tracks/{id}", JmxView.name("Route", "/api/tracks/{id}").toString());
        assertEquals("io.healthagent:type=Health", JmxView.name("Health", null).toString());
        for (String route : new String[] {"/stream/*", "/a,b", "/k=v", "/x:y", "/q?", "/\\"}) {
            ObjectName n = JmxView.name("Route", route);
            assertEquals(route, ObjectName.unquote(n.getKeyProperty("name")), n.toString());
        }
    }
}
