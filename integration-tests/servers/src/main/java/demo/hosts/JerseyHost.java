package demo.hosts;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.glassfish.jersey.jdkhttp.JdkHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/** JAX-RS resources on Jersey 4, in the JDK's own HttpServer (see {@link HostArgs}); routes are @Path templates. */
public final class JerseyHost {
    public static void main(String[] args) {
        int port = HostArgs.port(args);
        JdkHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:" + port + "/"),
                new ResourceConfig(Tracks.class, Api.class, Stream.class)
                        // No 8 KB buffer in front of the response, so that a stream's first write leaves at once.
                        .property(ServerProperties.OUTBOUND_CONTENT_LENGTH_BUFFER, 0));
        HostArgs.listening("jersey", port);
    }

    @Path("/api/tracks")
    public static final class Tracks {
        @GET
        @Path("{id}")
        public String track(@PathParam("id") String id) {
            return "track " + id;
        }
    }

    @Path("/api")
    public static final class Api {
        @GET
        @Path("sleep/{ms}")
        public String sleep(@PathParam("ms") long ms) throws InterruptedException {
            Thread.sleep(ms);
            return "slept";
        }

        @GET
        @Path("nap/{ms}")
        public String nap(@PathParam("ms") long ms) throws InterruptedException {
            return sleep(ms);
        }

        @GET
        @Path("status/{code}")
        public Response status(@PathParam("code") int code) {
            return Response.status(code).build();
        }

        @GET
        @Path("throw")
        public String fail() {
            throw new IllegalStateException("boom");
        }
    }

    @Path("/stream/{ms}")
    public static final class Stream {
        @GET
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
}
