package demo.quarkus;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Says, once started, the line the tests wait for. */
public class Listening {
    void started(@Observes StartupEvent event, @ConfigProperty(name = "quarkus.http.port") int port) {
        System.out.println("quarkus host listening on " + port);
    }
}
