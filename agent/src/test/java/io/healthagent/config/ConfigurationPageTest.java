package io.healthagent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/** docs/configuration.md holds a row for every option the loader accepts, as OptionTable declares it. */
class ConfigurationPageTest {
    private static final Path PAGE = Paths.get("..", "docs", "configuration.md");

    @Test
    void thePageShowsEveryDeclaredOption() throws IOException {
        String page = new String(Files.readAllBytes(PAGE), StandardCharsets.UTF_8);
        assertEquals(ConfigurationPage.withCurrentTables(page), page,
                "docs/configuration.md's option tables differ from OptionTable; write them again with: mvn -q -pl agent"
                        + " compile && java -cp agent/target/classes io.healthagent.config.ConfigurationPage --write"
                        + " docs/configuration.md");
        for (Option<?> option : OptionTable.all()) {
            assertTrue(page.contains("| `" + option.key + "` | "), option.key + " has its row");
        }
    }
}
