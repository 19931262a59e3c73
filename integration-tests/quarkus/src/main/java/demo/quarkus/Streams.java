package demo.quarkus;

import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.StreamingOutput;
import java.nio.charset.StandardCharsets;

/** /stream/{ms}: a stream whose first line is written and flushed at once and whose last comes {ms} later. */
@Path("/stream")
public class Streams {
    @GET
    @Path("/{ms}")
    @Produces(MediaType.TEXT_PLAIN)
    @Blocking
    public StreamingOutput stream(@PathParam("ms") long ms) {
        return out -> {
            out.write("first\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.write("last\n".getBytes(StandardCharsets.UTF_8));
        };
    }
}
