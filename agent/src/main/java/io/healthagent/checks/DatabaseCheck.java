package io.healthagent.checks;

import io.healthagent.sqlite.SqliteDriver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.ServiceLoader;

/**
 * Connects to a JDBC database and validates it, read-only. SQLite goes through the agent's own
 * sqlite-jdbc, opened read-only so a missing file is never created; it is validated by reading the
 * schema, which a writer's exclusive lock blocks. Any other URL uses the driver the host ships,
 * found through the host's class loader, and {@code Connection.isValid}.
 */
public final class DatabaseCheck implements Check {
    private static final String SQLITE = "jdbc:sqlite:";

    private final String name;
    private final String url;
    private final String user;
    private final String password;
    private final Duration timeout;
    private Driver hostDriver;

    public DatabaseCheck(String name, String url, String user, String password, Duration timeout) {
        this.name = name;
        this.url = url;
        this.user = user;
        this.password = password;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CheckOutcome run() throws Exception {
        return url.startsWith(SQLITE) ? sqlite() : other();
    }

    private CheckOutcome sqlite() {
        String location = url.substring(SQLITE.length());
        int query = location.indexOf('?');
        if (query >= 0) location = location.substring(0, query);
        if (location.startsWith("file:")) location = location.substring("file:".length());
        boolean inMemory = location.isEmpty() || location.equals(":memory:");
        Path file = inMemory ? null : Paths.get(location);
        if (file != null) {
            if (!Files.exists(file)) return CheckOutcome.fail(name, "database file " + file + " does not exist");
            if (!Files.isRegularFile(file)) return CheckOutcome.fail(name, "database path " + file + " is not a file");
            if (!Files.isReadable(file)) return CheckOutcome.fail(name, "database file " + file + " is not readable");
        }
        Properties config = new Properties();
        config.setProperty("open_mode", String.valueOf(SQLITE_OPEN_READONLY | SQLITE_OPEN_URI)); // never creates
        // Wait for a writer's lock half the timeout, so that the check itself can say "locked" in time.
        config.setProperty("busy_timeout", String.valueOf(Math.min(Integer.MAX_VALUE, timeout.toMillis() / 2)));
        try (Connection c = SqliteDriver.get().connect(url, config);
             Statement s = c.createStatement()) {
            // No query timeout here: sqlite-jdbc turns it into a busy timeout of whole seconds.
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE type = 'table'")) {
                int tables = rs.next() ? rs.getInt(1) : 0;
                String size = file == null ? "in memory" : (Files.size(file) >> 10) + " KB";
                return CheckOutcome.pass(name, "Database connection healthy (SQLite " + c.getMetaData()
                        .getDatabaseProductVersion() + ", " + tables + " tables, " + size + ")");
            }
        } catch (SQLException e) {
            return CheckOutcome.fail(name, sqliteProblem(e, file));
        } catch (java.io.IOException e) {
            return CheckOutcome.fail(name, "database error: " + e.getMessage());
        }
    }

    // SQLite's primary result codes (sqlite-jdbc reports them as the SQLException's vendor code).
    private static final int SQLITE_CORRUPT = 11;
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;
    private static final int SQLITE_CANTOPEN = 14;
    private static final int SQLITE_NOTADB = 26;
    private static final int SQLITE_OPEN_READONLY = 0x01;
    private static final int SQLITE_OPEN_URI = 0x40;

    private static String sqliteProblem(SQLException e, Path file) {
        String where = file == null ? "the database" : file.toString();
        switch (e.getErrorCode() & 0xff) { // extended codes carry the primary one in their low byte
            case SQLITE_BUSY:
            case SQLITE_LOCKED:
                return "database " + where + " is locked by another connection";
            case SQLITE_NOTADB:
                return where + " is not a SQLite database";
            case SQLITE_CANTOPEN:
                return "database " + where + " cannot be opened";
            case SQLITE_CORRUPT:
                return "database " + where + " is corrupt";
            default:
                return "database error on " + where + ": " + e.getMessage();
        }
    }

    private CheckOutcome other() throws SQLException {
        Driver driver = driverFor(url);
        if (driver == null) {
            return CheckOutcome.fail(name, "no JDBC driver on the host's class path accepts " + Secrets.url(url));
        }
        Properties props = new Properties();
        if (user != null) props.setProperty("user", user);
        if (password != null) props.setProperty("password", password);
        try (Connection c = driver.connect(url, props)) {
            if (c == null) {
                return CheckOutcome.fail(name, "the JDBC driver refused " + Secrets.url(url));
            }
            if (!c.isValid(seconds())) {
                return CheckOutcome.fail(name, "connection to " + Secrets.url(url) + " is not valid");
            }
            DatabaseMetaData meta = c.getMetaData();
            return CheckOutcome.pass(name, "Database connection healthy (" + meta.getDatabaseProductName() + " "
                    + meta.getDatabaseProductVersion() + ")");
        } catch (SQLException e) {
            return CheckOutcome.fail(name, "cannot connect to " + Secrets.url(url) + ": " + e.getMessage());
        }
    }

    /** The host's driver for the URL, looked up once through the host's class loader. */
    private synchronized Driver driverFor(String jdbcUrl) {
        if (hostDriver == null) {
            for (Driver d : ServiceLoader.load(Driver.class, ClassLoader.getSystemClassLoader())) {
                try {
                    if (d.acceptsURL(jdbcUrl)) {
                        hostDriver = d;
                        break;
                    }
                } catch (SQLException | RuntimeException ignored) {
                    // try the next driver
                }
            }
        }
        return hostDriver;
    }

    private int seconds() {
        return (int) Math.max(1, (timeout.toMillis() + 999) / 1000);
    }
}
