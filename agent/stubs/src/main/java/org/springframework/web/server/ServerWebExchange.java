package org.springframework.web.server;

import java.util.Map;

/** Stub of Spring WebFlux's exchange (Spring 6 needs Java 17): the one method advice calls. */
public interface ServerWebExchange {
    Map<String, Object> getAttributes();
}
