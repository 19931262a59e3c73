package demo.streamserver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The track catalogue in a SQLite file, and the audio files it points to. */
final class Catalog implements AutoCloseable {
    record Track(int id, String title, String artist, double durationSeconds, String file) {
    }

    private static final Object[][] SEED = {
            {"Concert A", "Tuning Fork Ensemble", 440},
            {"Middle C", "The Pianists", 262},
            {"Low E", "Bass Section", 82},
            {"High G", "Piccolo Trio", 784},
            {"Dial Tone", "The Exchange", 350},
            {"Test Pattern", "Broadcast Engineers", 1000},
    };
    private static final double SEED_SECONDS = 5.0;

    private final Connection connection;
    private final Path audioDir;
    private final Path cacheDir;

    Catalog(Path dataDir) throws SQLException, IOException {
        this.audioDir = dataDir.resolve("audio");
        this.cacheDir = dataDir.resolve("cache");
        Files.createDirectories(audioDir);
        Files.createDirectories(cacheDir);
        this.connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("catalog.db"));
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS tracks (id INTEGER PRIMARY KEY, title TEXT NOT NULL, "
                    + "artist TEXT NOT NULL, duration_seconds REAL NOT NULL, file TEXT NOT NULL)");
        }
        seedIfEmpty();
    }

    Path audioDir() {
        return audioDir;
    }

    /** Where rendered catalogue pages are cached. */
    Path cacheDir() {
        return cacheDir;
    }

    private void seedIfEmpty() throws SQLException, IOException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM tracks")) {
            if (rs.next() && rs.getInt(1) > 0) {
                return;
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO tracks (title, artist, duration_seconds, file) VALUES (?, ?, ?, ?)")) {
            for (Object[] row : SEED) {
                int hz = (Integer) row[2];
                String file = "tone-" + hz + "hz.wav";
                Files.write(audioDir.resolve(file), WavTone.generate(hz, SEED_SECONDS));
                insert.setString(1, (String) row[0]);
                insert.setString(2, (String) row[1]);
                insert.setDouble(3, SEED_SECONDS);
                insert.setString(4, file);
                insert.executeUpdate();
            }
        }
    }

    synchronized List<Track> all() throws SQLException {
        List<Track> tracks = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, title, artist, duration_seconds, file FROM tracks ORDER BY id")) {
            while (rs.next()) {
                tracks.add(new Track(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getDouble(4), rs.getString(5)));
            }
        }
        return tracks;
    }

    synchronized Optional<Track> byId(int id) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT id, title, artist, duration_seconds, file FROM tracks WHERE id = ?")) {
            s.setInt(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new Track(rs.getInt(1), rs.getString(2), rs.getString(3),
                        rs.getDouble(4), rs.getString(5))) : Optional.empty();
            }
        }
    }

    @Override
    public synchronized void close() throws SQLException {
        connection.close();
    }
}
