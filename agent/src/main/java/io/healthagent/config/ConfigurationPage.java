package io.healthagent.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * docs/configuration.md's option tables, written from {@link OptionTable} between two markers:
 * {@code java -cp agent/target/classes io.healthagent.config.ConfigurationPage --write docs/configuration.md}.
 */
public final class ConfigurationPage {
    static final String BEGIN = "<!-- options:begin -->\n";
    static final String END = "<!-- options:end -->";

    private ConfigurationPage() {
    }

    /** The page with its tables as the option table declares them. */
    public static String withCurrentTables(String page) {
        int begin = page.indexOf(BEGIN);
        int end = page.indexOf(END);
        if (begin < 0 || end < begin) throw new IllegalArgumentException("the page has no " + BEGIN.trim() + " ... " + END);
        return page.substring(0, begin + BEGIN.length()) + OptionTable.markdown() + page.substring(end);
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 2 && args[0].equals("--write")) {
            Path page = Paths.get(args[1]);
            String text = new String(Files.readAllBytes(page), StandardCharsets.UTF_8);
            Files.write(page, withCurrentTables(text).getBytes(StandardCharsets.UTF_8));
        } else {
            System.out.print(OptionTable.markdown());
        }
    }
}
