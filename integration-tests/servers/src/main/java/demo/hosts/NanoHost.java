package demo.hosts;

import fi.iki.elonen.NanoHTTPD;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** NanoHTTPD 2.3 as the application's own server (see {@link HostArgs}): a thread per connection, blocking. */
public final class NanoHost extends NanoHTTPD {
    private NanoHost(int port) {
        super("127.0.0.1", port);
    }

    public static void main(String[] args) throws IOException {
        int port = HostArgs.port(args);
        new NanoHost(port).start(SOCKET_READ_TIMEOUT, false);
        HostArgs.listening("nanohttpd", port);
    }

    @Override
    public Response serve(IHTTPSession session) {
        String path = session.getUri();
        int n;
        if ((n = HostArgs.tail(path, "/api/tracks/")) >= 0) {
            return newFixedLengthResponse(Response.Status.OK, "text/plain", "track " + n);
        } else if ((n = HostArgs.tail(path, "/api/sleep/")) >= 0 || (n = HostArgs.tail(path, "/api/nap/")) >= 0) {
            sleep(n);
            return newFixedLengthResponse(Response.Status.OK, "text/plain", "slept");
        } else if ((n = HostArgs.tail(path, "/api/status/")) >= 0) {
            int code = n;
            return newFixedLengthResponse(new Response.IStatus() {
                @Override
                public String getDescription() {
                    return code + " Status";
                }

                @Override
                public int getRequestStatus() {
                    return code;
                }
            }, "text/plain", "");
        } else if (path.equals("/api/throw")) {
            throw new IllegalStateException("boom");
        } else if ((n = HostArgs.tail(path, "/stream/")) >= 0) {
            return newChunkedResponse(Response.Status.OK, "text/plain", new SlowStream(n));
        }
        return newFixedLengthResponse(Response.Status.NOT_FOUND, "text/plain", "");
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** "first\n" at once, then the end of the stream {@code ms} later. */
    private static final class SlowStream extends InputStream {
        private final byte[] first = "first\n".getBytes(StandardCharsets.UTF_8);
        private final long ms;
        private int pos;

        SlowStream(long ms) {
            this.ms = ms;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0];
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos < first.length) {
                int n = Math.min(len, first.length - pos);
                System.arraycopy(first, pos, b, off, n);
                pos += n;
                return n;
            }
            if (pos == first.length) {
                pos++;
                sleep(ms);
            }
            return -1;
        }
    }
}
