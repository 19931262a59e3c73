package demo.quarkus;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;

/**
 * The routes every test host serves, on Quarkus REST: the class's {@code @Path} ("/api") and each method's
 * make the template. /api/tracks/{id} and /api/status/{code} run on a worker thread (Quarkus REST's default
 * for a method that returns a plain value), /api/sleep/{ms} too ({@code @Blocking}, it sleeps), /api/nap/{ms}
 * on the event loop (a {@code Uni} completed later).
 */
@Path("/api")
public class Tracks {
    @GET
    @Path("/tracks/{id}")
    @Produces(MediaType.TEXT_PLAIN)
    public String track(@PathParam("id") String id) {
        return "track " + id;
    }

    @GET
    @Path("/sleep/{ms}")
    @Produces(MediaType.TEXT_PLAIN)
    @Blocking
    public String sleep(@PathParam("ms") long ms) throws InterruptedException {
        Thread.sleep(ms);
        return "slept";
    }

    @GET
    @Path("/nap/{ms}")
    @Produces(MediaType.TEXT_PLAIN)
    public Uni<String> nap(@PathParam("ms") long ms) {
        return Uni.createFrom().item("slept").onItem().delayIt().by(Duration.ofMillis(ms));
    }

    @GET
    @Path("/status/{code}")
    public Response status(@PathParam("code") int code) {
        return Response.status(code).build();
    }

    @GET
    @Path("/throw")
    @Produces(MediaType.TEXT_PLAIN)
    public String fail() {
        throw new IllegalStateException("boom");
    }
}
