package demo.hosts;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;

/** A Vert.x 5 Web application (see {@link HostArgs}); its routes are Vert.x paths such as /api/tracks/:id. */
public final class VertxHost {
    public static void main(String[] args) throws Exception {
        int port = HostArgs.port(args);
        Vertx vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.route().handler(ctx -> { // a path-less route first, as loggers and body handlers are
            ctx.response().putHeader("X-Host", "vertx");
            ctx.next();
        });
        router.get("/api/tracks/:id").handler(ctx -> ctx.response().end("track " + ctx.pathParam("id")));
        for (String sleep : new String[] {"/api/sleep/:ms", "/api/nap/:ms"}) {
            router.get(sleep).handler(ctx ->
                    vertx.setTimer(Long.parseLong(ctx.pathParam("ms")), t -> ctx.response().end("slept")));
        }
        router.get("/api/status/:code").handler(ctx ->
                ctx.response().setStatusCode(Integer.parseInt(ctx.pathParam("code"))).end());
        router.get("/api/throw").handler(ctx -> {
            throw new IllegalStateException("boom");
        });
        router.get("/stream/:ms").handler(ctx -> {
            HttpServerResponse response = ctx.response().setChunked(true);
            response.write("first\n");
            vertx.setTimer(Long.parseLong(ctx.pathParam("ms")), t -> response.end());
        });
        vertx.createHttpServer()
                .webSocketHandler(ws -> ws.textMessageHandler(ws::writeTextMessage))
                .requestHandler(router)
                .listen(port, "127.0.0.1")
                .await();
        HostArgs.listening("vertx", port);
    }
}
