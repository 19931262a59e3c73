package demo.micronaut;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import java.time.Duration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** /stream/{ms}: a chunked stream whose first line goes out at once and whose last comes {ms} later. */
@Controller("/stream")
public class StreamController {
    @Get("/{ms}")
    @Produces(MediaType.TEXT_PLAIN)
    public Flux<String> stream(long ms) {
        return Flux.concat(Mono.just("first\n"), Mono.just("last\n").delayElement(Duration.ofMillis(ms)));
    }
}
