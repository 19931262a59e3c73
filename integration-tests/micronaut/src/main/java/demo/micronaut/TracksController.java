package demo.micronaut;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * The routes every test host serves, as Micronaut controllers declare them: the controller's path ("/api")
 * and each method's make the template. Sleeps complete later without holding the event loop.
 */
@Controller("/api")
public class TracksController {
    @Get("/tracks/{id}")
    @Produces(MediaType.TEXT_PLAIN)
    public String track(String id) {
        return "track " + id;
    }

    @Get("/sleep/{ms}")
    @Produces(MediaType.TEXT_PLAIN)
    public Mono<String> sleep(long ms) {
        return Mono.just("slept").delayElement(Duration.ofMillis(ms));
    }

    @Get("/nap/{ms}")
    @Produces(MediaType.TEXT_PLAIN)
    public Mono<String> nap(long ms) {
        return Mono.just("slept").delayElement(Duration.ofMillis(ms));
    }

    @Get("/status/{code}")
    public HttpResponse<?> status(int code) {
        return HttpResponse.status(io.micronaut.http.HttpStatus.valueOf(code));
    }

    @Get("/throw")
    @Produces(MediaType.TEXT_PLAIN)
    public String fail() {
        throw new IllegalStateException("boom");
    }
}
