package io.healthagent.sqlite;

import java.sql.Driver;

/**
 * The agent's own sqlite-jdbc driver, created the first time something needs it (the database check of
 * a {@code jdbc:sqlite:} URL; the history store to come), never at start.
 *
 * <p>sqlite-jdbc loads its native library with {@code System::load}, a restricted method: on JDK 24 and
 * later the JVM prints a four-line warning the first time, unless the host runs with
 * {@code --enable-native-access=ALL-UNNAMED} (a future JDK will refuse without it). An agent cannot grant
 * itself native access: {@code ModuleLayer.Controller.enableNativeAccess}, which would grant it to a layer
 * of the agent's own, is itself a restricted method (tried; docs/operations.md, "Native code", says so).
 */
public final class SqliteDriver {
    private static Driver driver;

    private SqliteDriver() {
    }

    public static synchronized Driver get() {
        if (driver == null) {
            driver = new org.sqlite.JDBC();
        }
        return driver;
    }
}
