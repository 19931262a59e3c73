package io.healthagent.it;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * NanoHTTPD 2.3 as the host's own server: requests from {@code serve} to the end of {@code Response.send}
 * (a chunked stream's commit is its headers); an exception escaping serve closes the connection unanswered; routes from {@code routes=}, else the first segment.
 */
class NanoHttpdIT extends ServerHostContract {
    @Override
    String mainClass() {
        return "NanoHost";
    }

    @Override
    String agentOptions() {
        return "routes=/api/tracks/{id};/api/sleep/*;/api/status/*";
    }

    @Override
    String route(String kind) {
        switch (kind) {
            case "tracks": return "/api/tracks/{id}";
            case "sleep": return "/api/sleep/*";
            case "status": return "/api/status/*";
            case "throw": case "nap": return "/api/*";
            default: return "/stream/*";
        }
    }

    @Override
    boolean throwAnswers500() {
        return false; // NanoHTTPD closes the connection on an exception escaping serve
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.healthagent.it.Jdks#both")
    void nanoHttpdIsMeasured(String jdk, Path javaHome) throws Exception {
        measuresLikeTheServerWorked("nanohttpd-jdk" + jdk, javaHome);
    }
}
