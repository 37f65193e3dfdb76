package dev.authplane.examples.authserver;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A {@code java -jar} child of the demo: its output is echoed with a prefix as it arrives and kept
 * for {@link #awaitLine}. Closing it sends SIGTERM and waits.
 */
final class ChildProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final List<Thread> pumps;

    private ChildProcess(String name, Process process, PrintWriter echo) {
        this.name = name;
        this.process = process;
        this.pumps = List.of(pump(process.getInputStream(), echo), pump(process.getErrorStream(), echo));
    }

    /** Starts {@code java -jar jar args} with {@code env} added to a copy of this process's environment. */
    static ChildProcess startJar(String name, Path jar, List<String> args, Map<String, String> env, PrintWriter echo) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        try {
            return new ChildProcess(name, builder.start(), echo);
        } catch (IOException e) {
            throw new CliException("cannot start " + name + ": " + e.getMessage(), CliException.FAILED);
        }
    }

    /** Waits until a line containing {@code text} was printed; fails if the process ends first. */
    void awaitLine(String text, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            synchronized (lines) {
                if (lines.stream().anyMatch(l -> l.contains(text))) {
                    return;
                }
            }
            if (!process.isAlive()) {
                throw new CliException(name + " exited with code " + process.exitValue() + " before it was ready",
                        CliException.FAILED);
            }
            Thread.sleep(50);
        }
        throw new CliException(name + " was not ready within " + timeout.toSeconds() + "s", CliException.FAILED);
    }

    /** Waits for the process to end by itself and returns its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new CliException(name + " did not finish within " + timeout.toSeconds() + "s", CliException.FAILED);
        }
        for (Thread pump : pumps) {
            pump.join(2_000);
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        // SIGTERM only: Process.destroy() would also close our pipe ends and lose what it prints while stopping
        process.toHandle().destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            for (Thread pump : pumps) {
                pump.join(2_000);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private Thread pump(InputStream in, PrintWriter echo) {
        Thread t = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                    echo.println("    [" + name + "] " + line);
                }
            } catch (IOException e) {
                // the process ended; what it printed has been echoed
            }
        }, name + "-output");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
