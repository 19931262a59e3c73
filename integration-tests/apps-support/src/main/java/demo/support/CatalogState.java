package demo.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The state of the catalog API the applications' health indicators report: read from the file the system
 * property {@code demo.catalog.state} names (up when there is none), so that a test turns it down and up.
 * {@code down}, {@code throw} (the indicator throws) and {@code hang} (it never answers) are the others.
 */
public final class CatalogState {
    private CatalogState() {
    }

    public static String now() {
        String file = System.getProperty("demo.catalog.state");
        if (file == null) return "up";
        Path path = Paths.get(file);
        try {
            return Files.exists(path) ? new String(Files.readAllBytes(path), StandardCharsets.UTF_8).trim() : "up";
        } catch (IOException e) {
            return "up";
        }
    }

    /** Until interrupted: the indicator that hangs. */
    public static void hang() {
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
