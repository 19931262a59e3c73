package io.healthagent.instrumentation;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Matches class loaders that can see a given class, so that the costly supertype matching runs only
 * in loaders where a servlet could exist at all. Answers are cached per loader, weakly.
 */
final class HasClassResource extends ElementMatcher.Junction.AbstractBase<ClassLoader> {
    private final String resource;
    private final Map<ClassLoader, Boolean> cache = Collections.synchronizedMap(new WeakHashMap<>());

    HasClassResource(String className) {
        this.resource = className.replace('.', '/') + ".class";
    }

    @Override
    public boolean matches(ClassLoader loader) {
        if (loader == null) {
            return false; // the bootstrap loader holds no servlet API
        }
        Boolean known = cache.get(loader);
        if (known == null) {
            known = loader.getResource(resource) != null;
            cache.put(loader, known);
        }
        return known;
    }
}
