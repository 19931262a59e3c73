package io.healthagent.http;

/** What the port answers. */
interface Endpoints {
    /**
     * Answers on the port's own thread, or null when the request is not one of these. Only what is cheap
     * and never blocks: the probes, from bodies ready in memory.
     */
    HttpReply fast(HttpRequest request);

    /** Answers on a worker thread: everything {@link #fast} does not. */
    HttpReply slow(HttpRequest request);
}
