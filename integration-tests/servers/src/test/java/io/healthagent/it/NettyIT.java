package io.healthagent.it;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A Netty 4.2 server on HttpServerCodec: requests answered at once, later from another thread, streamed in
 * chunks, pipelined; an exception escaping the handler closes the connection unanswered (Netty's idiom).
 * Netty has no templates: routes come from the operator's {@code routes=} patterns, else the first segment.
 */
class NettyIT extends ServerHostContract {
    @Override
    String mainClass() {
        return "NettyHost";
    }

    @Override
    String agentOptions() {
        return "routes=/api/tracks/{id};/api/sleep/*";
    }

    @Override
    String route(String kind) {
        switch (kind) {
            case "tracks": return "/api/tracks/{id}";
            case "sleep": return "/api/sleep/*";
            case "stream": return "/stream/*";
            default: return "/api/*"; // status and throw: the first segment
        }
    }

    @Override
    boolean throwAnswers500() {
        return false;
    }

    @Override
    String webSocketEndpoint() {
        return "/ws/*"; // the upgrade request's route: its first segment
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.healthagent.it.Jdks#both")
    void nettyIsMeasured(String jdk, Path javaHome) throws Exception {
        measuresLikeTheServerWorked("netty-jdk" + jdk, javaHome);
    }

    @org.junit.jupiter.api.Test
    void aRouteScannerOnNettyLeavesNoRoutesBehind() throws Exception {
        aRouteScannerLeavesNoRoutesBehind("netty-scanner", Faults.scale(10_000, 100_000));
    }
}
