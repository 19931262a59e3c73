package io.healthagent.it;

import java.util.List;

/**
 * The server contract for a Spring Boot application (every Boot line's test apps serve the same routes): Spring's
 * port arguments, the controllers' brace templates, and a WebSocket echo on Spring's API at /ws/echo.
 */
abstract class SpringHostContract extends ServerHostContract {
    private final String mainClass;

    SpringHostContract(String mainClass) {
        this.mainClass = mainClass;
    }

    @Override
    String mainClass() {
        return mainClass;
    }

    @Override
    List<String> portArguments(int port) {
        return List.of("--server.port=" + port, "--server.address=127.0.0.1", "--spring.main.banner-mode=off");
    }

    @Override
    String route(String kind) {
        return braceTemplate(kind);
    }

    @Override
    String webSocketEndpoint() {
        return "/ws/echo";
    }
}
