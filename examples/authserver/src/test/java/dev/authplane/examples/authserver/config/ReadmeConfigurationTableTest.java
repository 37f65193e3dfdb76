package dev.authplane.examples.authserver.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The root README's configuration table lists exactly core's known settings, env vars and defaults. */
class ReadmeConfigurationTableTest {

    private static final Pattern ROW = Pattern.compile("^\\| `([a-z_.]+)` \\| `([A-Z_]+)` \\| (`[^`]*`|none) \\|");

    @Test
    void configurationTableMatchesConfigLoader() throws Exception {
        Path readme = Path.of("../../README.md");
        List<String> rows = new ArrayList<>();
        for (String line : Files.readAllLines(readme)) {
            Matcher m = ROW.matcher(line);
            if (m.find()) {
                String defaultValue = m.group(3).equals("none") ? null : m.group(3).replace("`", "");
                rows.add(m.group(1) + " " + m.group(2) + " " + defaultValue);
            }
        }

        List<String> expected = new ArrayList<>();
        for (String key : ConfigLoader.knownKeys()) {
            expected.add(key + " " + ConfigLoader.envName(key) + " " + ConfigLoader.defaultValue(key));
        }
        assertThat(rows).containsExactlyElementsOf(expected);
    }
}
