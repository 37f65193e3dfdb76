package dev.authplane.examples.authserver;

import java.io.PrintWriter;
import java.util.Map;
import java.util.Objects;

/**
 * What every command of the CLI reads and writes: the environment and the two output streams.
 * Injected (instead of {@code System.getenv()} / {@code System.out}) so tests run commands in-process.
 *
 * @param env environment variables
 * @param out standard output: results
 * @param err standard error: progress notes and errors
 */
public record CliContext(Map<String, String> env, PrintWriter out, PrintWriter err) {

    public CliContext {
        env = Map.copyOf(Objects.requireNonNull(env, "env"));
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
    }
}
