package demo.micronaut;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;

/**
 * A Micronaut 4.10 application on its Netty server, serving the routes every test host serves (see
 * TracksController); port and address from micronaut.server.port and micronaut.server.host.
 */
public class MicronautApp {
    public static void main(String[] args) {
        ApplicationContext context = Micronaut.run(MicronautApp.class, args);
        System.out.println("micronaut host listening on " + context.getBean(EmbeddedServer.class).getPort());
    }
}
