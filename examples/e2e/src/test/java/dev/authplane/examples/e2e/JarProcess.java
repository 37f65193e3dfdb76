package dev.authplane.examples.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code java -jar} child process whose stdout and stderr are collected line by line, so a test
 * can wait for a "ready" line, read everything printed, and stop it with SIGTERM.
 */
final class JarProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final List<String> stdout = new ArrayList<>();
    private final List<String> stderr = new ArrayList<>();
    private final List<Thread> pumps;

    private JarProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        this.pumps = List.of(pump(process.getInputStream(), stdout, name + "-out"),
                pump(process.getErrorStream(), stderr, name + "-err"));
    }

    /** Starts {@code java -jar jar args} in {@code workDir} with {@code env} added to this JVM's environment. */
    static JarProcess start(String name, Path jar, Path workDir, Map<String, String> env, List<String> args) {
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-jar", jar.toString()));
        command.addAll(args);
        return exec(name, command, workDir, env);
    }

    /** Starts any {@code command} (e.g. {@code node client.mjs}) the same way, its stdin kept open. */
    static JarProcess exec(String name, List<String> command, Path workDir, Map<String, String> env) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("AUTHPLANE_") || k.startsWith("BACKEND_"));
        builder.environment().putAll(env);
        try {
            return new JarProcess(name, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** Writes one line to the process's stdin. */
    void writeLine(String line) {
        try {
            process.getOutputStream().write((line + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            process.getOutputStream().flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + name, e);
        }
    }

    /** Runs a command to completion (at most {@code timeout}) and returns what it printed. */
    static Result run(String name, Path jar, Path workDir, Map<String, String> env, List<String> args,
                      Duration timeout) {
        try (JarProcess p = start(name, jar, workDir, env, args)) {
            return p.awaitExit(timeout);
        }
    }

    /** Waits for the process to end by itself. */
    Result awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(name + " did not finish within " + timeout + "\n" + transcript());
            }
            for (Thread pump : pumps) {
                pump.join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        return new Result(process.exitValue(), stdoutText(), stderrText());
    }

    /** Waits until a stdout line matches {@code pattern}; fails if the process dies first. */
    Matcher awaitStdoutLine(Pattern pattern, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            synchronized (stdout) {
                for (String line : stdout) {
                    Matcher m = pattern.matcher(line);
                    if (m.find()) {
                        return m;
                    }
                }
            }
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + " before printing "
                        + pattern + "\n" + transcript());
            }
            sleep(50);
        }
        throw new AssertionError(name + " did not print " + pattern + " within " + timeout + "\n" + transcript());
    }

    /** Sends SIGTERM and waits for the process to end. */
    Result terminate(Duration timeout) {
        // SIGTERM only: Process.destroy() would also close our pipe ends and lose what it prints while stopping
        process.toHandle().destroy();
        return awaitExit(timeout);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String stdoutText() {
        synchronized (stdout) {
            return String.join("\n", stdout);
        }
    }

    String stderrText() {
        synchronized (stderr) {
            return String.join("\n", stderr);
        }
    }

    String transcript() {
        return "--- " + name + " stdout ---\n" + stdoutText() + "\n--- " + name + " stderr ---\n" + stderrText();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.toHandle().destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Thread pump(InputStream in, List<String> sink, String threadName) {
        Thread t = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    synchronized (sink) {
                        sink.add(line);
                    }
                }
            } catch (IOException e) {
                // the process ended; what was read is kept
            }
        }, threadName);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * What a finished process printed.
     *
     * @param exitCode its exit status
     * @param stdout   standard output, lines joined with {@code \n}
     * @param stderr   standard error, lines joined with {@code \n}
     */
    record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
        }
    }
}
