package dev.authplane.examples.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a README shell line with {@code bash -c}, as a user would paste it. */
final class Shell {

    private Shell() {
    }

    /** True when every command is on the PATH (bash included). */
    static boolean hasCommands(String... commands) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String command : concat("bash", commands)) {
            boolean found = false;
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    static Result run(String command, Map<String, String> env, Path workDir, Duration timeout) {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", command)
                .directory(workDir.toFile());
        builder.environment().putAll(env);
        try {
            Path out = Files.createTempFile(workDir, "shell", ".out");
            Path err = Files.createTempFile(workDir, "shell", ".err");
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("'" + command + "' did not finish within " + timeout);
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static String[] concat(String first, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    /** What the command printed and how it ended. */
    record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
        }
    }
}
