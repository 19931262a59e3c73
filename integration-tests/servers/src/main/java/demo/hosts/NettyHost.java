package demo.hosts;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.HttpObjectAggregator;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** A Netty 4.2 server on HttpServerCodec, written the way Netty's own examples are (see {@link HostArgs}). */
public final class NettyHost {
    /** Slow answers come from here: a response written later, from a thread that is not the event loop. */
    private static final ScheduledExecutorService LATER = Executors.newScheduledThreadPool(2);
    /**
     * The benchmark's floor for any per-request timing (scripts/bench.sh): with
     * {@code -Dnettyhost.clockReads=true}, and no agent, this host reads the clock where an agent would (as
     * a request reaches its handler, and as its response goes out) and keeps the difference.
     */
    private static final boolean CLOCK_READS = Boolean.getBoolean("nettyhost.clockReads");
    /** Where the floor's readings go, so that the JIT cannot drop them. */
    static long timedNanos;

    public static void main(String[] args) throws Exception {
        int port = HostArgs.port(args);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new Routes());
                    }
                })
                .bind("127.0.0.1", port).sync();
        HostArgs.listening("netty", port);
    }

    private static final class Routes extends SimpleChannelInboundHandler<HttpObject> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            long start = CLOCK_READS ? System.nanoTime() : 0;
            if (!(msg instanceof HttpRequest)) {
                return; // request bodies are not used
            }
            HttpRequest request = (HttpRequest) msg;
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            String path = request.uri();
            int n;
            if (path.equals("/ws/echo")) {
                // Hand the connection to Netty's WebSocket handler, which completes the handshake.
                ctx.pipeline().addLast(new HttpObjectAggregator(1 << 16), new WebSocketServerProtocolHandler("/ws/echo"),
                        new Echo());
                ctx.pipeline().remove(this);
                ctx.fireChannelRead(new io.netty.handler.codec.http.DefaultFullHttpRequest(request.protocolVersion(),
                        request.method(), request.uri(), Unpooled.EMPTY_BUFFER, request.headers(),
                        io.netty.handler.codec.http.EmptyHttpHeaders.INSTANCE));
            } else if ((n = HostArgs.tail(path, "/api/tracks/")) >= 0) {
                if (CLOCK_READS) timedNanos += System.nanoTime() - start;
                respond(ctx, HttpResponseStatus.OK, "track " + n, keepAlive);
            } else if ((n = HostArgs.tail(path, "/api/sleep/")) >= 0 || (n = HostArgs.tail(path, "/api/nap/")) >= 0) {
                LATER.schedule(() -> respond(ctx, HttpResponseStatus.OK, "slept " + 0, keepAlive), n, TimeUnit.MILLISECONDS);
            } else if ((n = HostArgs.tail(path, "/api/status/")) >= 0) {
                respond(ctx, HttpResponseStatus.valueOf(n), "", keepAlive);
            } else if (path.equals("/api/throw")) {
                throw new IllegalStateException("boom");
            } else if ((n = HostArgs.tail(path, "/stream/")) >= 0) {
                HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
                head.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
                ctx.write(head);
                ctx.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer("first\n", StandardCharsets.UTF_8)));
                LATER.schedule(() -> ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT)
                        .addListener(keepAlive ? ChannelFutureListener.CLOSE_ON_FAILURE : ChannelFutureListener.CLOSE),
                        n, TimeUnit.MILLISECONDS);
            } else {
                respond(ctx, HttpResponseStatus.NOT_FOUND, "", keepAlive);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // the idiom of Netty's examples: no answer, the connection goes
        }
    }

    private static final class Echo extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
            ctx.writeAndFlush(new TextWebSocketFrame(frame.text()));
        }
    }

    static void respond(ChannelHandlerContext ctx, HttpResponseStatus status, String body, boolean keepAlive) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
