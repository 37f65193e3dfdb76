package dev.authplane.benchmarks.run;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A child JVM of a chosen JDK whose output goes to a log file; remembers the lines that start with
 * {@code READY} or {@code FIGURE}. Servers are stopped with SIGTERM (their shutdown hook closes
 * Jetty and the pool), forcibly after 3 seconds (a peer still working off queued requests).
 */
final class ChildJvm implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;
    private final CompletableFuture<Integer> ready = new CompletableFuture<>();
    private final List<String> figures = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean stopping;

    private ChildJvm(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        Thread reader = new Thread(this::pump, "output-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code <jdk>/bin/java <jvmOptions> -cp <classpath> <mainClass> <args>}. */
    static ChildJvm start(String name, Path jdk, List<String> jvmOptions, String classpath, String mainClass,
                          List<String> args, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(jdk.resolve("bin/java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        return new ChildJvm(name, process, log);
    }

    /** Waits for the {@code READY <port>} line; fails when the process exits first or takes too long. */
    int awaitReady(int timeoutSeconds) throws InterruptedException {
        try {
            return ready.get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            close();
            throw new IllegalStateException(name + " did not start within " + timeoutSeconds + "s; see " + log);
        }
    }

    /** Waits for the process to end and returns its {@code FIGURE} lines. */
    List<String> awaitFigures(int timeoutSeconds) throws InterruptedException {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            close();
            throw new IllegalStateException(name + " did not finish within " + timeoutSeconds + "s; see " + log);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(name + " failed (exit " + process.exitValue() + "); see " + log);
        }
        synchronized (figures) {
            return List.copyOf(figures);
        }
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        stopping = true;
        process.destroy();
        if (!process.waitFor(3, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    private void pump() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.println(line);
                if (line.startsWith("READY ")) {
                    ready.complete(Integer.parseInt(line.substring(6).strip()));
                } else if (line.startsWith("FIGURE ")) {
                    figures.add(line);
                }
            }
        } catch (IOException e) {
            if (!stopping) {
                throw new UncheckedIOException(e);
            }
            // stopping the process closes its output stream: that is the end of the output
        } finally {
            ready.completeExceptionally(new IllegalStateException(name + " exited"));
        }
    }
}
