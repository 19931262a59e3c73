package demo.quarkus;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The stream server's track route, on Quarkus REST. */
@Path("/api/tracks")
public class Tracks {
    @GET
    @Path("/{id}")
    @Produces(MediaType.TEXT_PLAIN)
    public String track(@PathParam("id") String id) {
        return "track " + id;
    }
}
