package io.healthagent.checks;

import io.healthagent.AgentLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/** audio.dir: exists, is a readable directory, how many audio files it holds, free space of its filesystem. */
public final class AudioDirectoryCheck implements Check {
    static final Set<String> AUDIO_EXTENSIONS = new HashSet<>(Arrays.asList(
            "wav", "mp3", "ogg", "oga", "opus", "flac", "aac", "m4a", "wma", "aiff", "aif"));

    private final Path dir;

    public AudioDirectoryCheck(Path dir) {
        this.dir = dir;
    }

    @Override
    public String name() {
        return "audio_directory";
    }

    @Override
    public CheckOutcome run() {
        if (!Files.exists(dir)) return CheckOutcome.fail(name(), "audio directory " + dir + " does not exist");
        if (!Files.isDirectory(dir)) return CheckOutcome.fail(name(), "audio path " + dir + " is not a directory");
        if (!Files.isReadable(dir) || !Files.isExecutable(dir)) {
            return CheckOutcome.fail(name(), "audio directory " + dir + " is not readable");
        }
        long files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(p -> isAudio(p) && Files.isRegularFile(p)).count();
        } catch (IOException | java.io.UncheckedIOException e) {
            return CheckOutcome.fail(name(), "audio directory " + dir + " cannot be read: " + AgentLog.describe(e));
        }
        long freeMb;
        try {
            freeMb = Files.getFileStore(dir).getUsableSpace() >> 20;
        } catch (IOException e) {
            return CheckOutcome.fail(name(), "free space of " + dir + " cannot be read: " + AgentLog.describe(e));
        }
        String message = files + " audio files in " + dir + ", " + freeMb + " MB free";
        return files == 0 ? CheckOutcome.warn(name(), message + ": nothing to stream") : CheckOutcome.pass(name(), message);
    }

    private static boolean isAudio(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 && AUDIO_EXTENSIONS.contains(n.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
