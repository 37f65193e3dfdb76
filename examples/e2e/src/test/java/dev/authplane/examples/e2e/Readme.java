package dev.authplane.examples.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repository's README.md, for checking that a command or an output line the test uses is the
 * one the README shows. Shell line continuations ({@code \} + newline) are joined and runs of
 * blanks collapsed, so a command matches however the README wraps it.
 */
final class Readme {

    /** The repository root: three levels above {@code examples/authserver/target/authserver.jar}. */
    static final Path ROOT = Jars.AUTHSERVER.getParent().getParent().getParent().getParent();

    private final String normalized;

    private Readme(String text) {
        this.normalized = normalize(text);
    }

    static Readme load() {
        try {
            return new Readme(Files.readString(ROOT.resolve("README.md")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails unless the README shows {@code text} (a command or an output line). */
    void assertShows(String text) {
        assertThat(normalized).as("README.md shows this").contains(normalize(text));
    }

    private static String normalize(String text) {
        return text.replaceAll("\\\\\\n\\s*", " ").replaceAll("[ \\t]+", " ");
    }
}
