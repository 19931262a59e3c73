package io.healthagent.bootstrap;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Where an exchange server (Undertow) keeps each exchange's request: in the exchange itself, as one of its
 * attachments, under a key of the server's own type that advice creates once per server class (the
 * bootstrap cannot name the server's types). Finding the key is a lock-free {@link ClassValue} read; the
 * exchange's attachment map is the server's own, so a request costs its context and nothing else: no lock,
 * no table entry.
 */
public final class ExchangeRequests {
    private static final ClassValue<AtomicReference<Object>> KEYS = new ClassValue<AtomicReference<Object>>() {
        @Override
        protected AtomicReference<Object> computeValue(Class<?> exchangeType) {
            return new AtomicReference<>();
        }
    };

    private ExchangeRequests() {
    }

    /** The holder of the attachment key for exchanges of this class: empty until advice creates the key. */
    public static AtomicReference<Object> key(Class<?> exchangeType) {
        return KEYS.get(exchangeType);
    }
}
