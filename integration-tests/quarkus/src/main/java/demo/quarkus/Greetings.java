package demo.quarkus;

import io.quarkus.vertx.web.Param;
import io.quarkus.vertx.web.Route;
import jakarta.enterprise.context.ApplicationScoped;

/** A Quarkus reactive route (a Vert.x Web route declared with {@code @Route}): GET /vertx/hello/:name. */
@ApplicationScoped
public class Greetings {
    @Route(path = "/vertx/hello/:name", methods = Route.HttpMethod.GET)
    String hello(@Param("name") String name) {
        return "hello " + name;
    }
}
