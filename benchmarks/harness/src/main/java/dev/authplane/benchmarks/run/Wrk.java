package dev.authplane.benchmarks.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Drives a token endpoint with wrk (a closed-loop load generator: each connection sends its next
 * request when the previous answer arrived) and the {@code token-requests.lua} script.
 */
final class Wrk {

    /**
     * What one wrk run measured. Latencies in microseconds; {@code nextBody} is the first body a
     * send-once run did not reach (0 for a rotating run).
     */
    record Result(long requests, long durationMicros, long errors, long non2xx, long p50Micros, long p90Micros,
                  long p99Micros, long maxMicros, long nextBody) {

        /** Successful (2xx) responses per second; NaN when no request completed at all. */
        double okPerSecond() {
            return requests == 0 ? Double.NaN : (requests - non2xx) * 1e6 / durationMicros;
        }

        /** A latency percentile in milliseconds; NaN when no request completed. */
        double millis(long micros) {
            return requests == 0 ? Double.NaN : micros / 1000.0;
        }
    }

    private final Path script;
    private final int threads;
    private final int connections;

    int connections() {
        return connections;
    }

    private Wrk(Path script, int threads, int connections) {
        this.script = script;
        this.threads = threads;
        this.connections = connections;
    }

    /** Checks that wrk is installed and writes its script into {@code dir}. */
    static Wrk prepare(Path dir, int threads, int connections) throws IOException, InterruptedException {
        try {
            Process p = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new IllegalStateException("wrk is not installed; run benchmarks/run.sh (it installs it) or apt-get install -y wrk");
        }
        Path script = dir.resolve("token-requests.lua");
        try (InputStream in = Wrk.class.getResourceAsStream("token-requests.lua")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        return new Wrk(script, threads, Math.max(connections, threads));
    }

    /** Runs wrk at full speed: every connection sends its next request as soon as the answer arrived. */
    Result run(String url, Path bodies, int seconds, Path log) throws IOException, InterruptedException {
        return run(url, bodies, seconds, 0, log);
    }

    /**
     * Runs wrk for {@code seconds} against {@code url}, its output saved to {@code log}.
     *
     * @param bodies the file of request bodies the server wrote
     * @param paceMs mean think time of each connection before each request; 0 for none
     */
    Result run(String url, Path bodies, int seconds, double paceMs, Path log) throws IOException, InterruptedException {
        return run(url, bodies, seconds, paceMs, -1, log);
    }

    /**
     * Runs wrk at full speed sending each body at most once, from body {@code from} on (bodies that
     * cannot be replayed: client assertions); the result's {@code nextBody} is where to go on.
     */
    Result runOnce(String url, Path bodies, long from, int seconds, Path log) throws IOException, InterruptedException {
        return run(url, bodies, seconds, 0, from, log);
    }

    private Result run(String url, Path bodies, int seconds, double paceMs, long onceFrom, Path log)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(List.of("wrk", "-t" + threads, "-c" + connections,
                "-d" + seconds + "s", "--timeout", "10s", "-s", script.toString(), url))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("BENCH_BODIES", bodies.toString());
        builder.environment().put("BENCH_PACE_MS", String.format(java.util.Locale.ROOT, "%.1f", paceMs));
        builder.environment().put("BENCH_ONCE_FROM", String.valueOf(onceFrom));
        builder.environment().put("BENCH_THREADS", String.valueOf(threads));
        Process process = builder.start();
        if (!process.waitFor(seconds + 30L, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("wrk did not finish; see " + log);
        }
        return parse(Files.readAllLines(log), log);
    }

    static Result parse(List<String> output, Path log) {
        String line = output.stream().filter(l -> l.startsWith("WRK ")).findFirst()
                .orElseThrow(() -> new IllegalStateException("wrk printed no result line; see " + log));
        Map<String, Long> v = new HashMap<>();
        for (String pair : line.substring(4).trim().split(" ")) {
            int eq = pair.indexOf('=');
            v.put(pair.substring(0, eq), Long.parseLong(pair.substring(eq + 1)));
        }
        long errors = v.get("connect") + v.get("read") + v.get("write") + v.get("timeout");
        return new Result(v.get("requests"), v.get("duration_us"), errors, v.get("status"), v.get("p50_us"),
                v.get("p90_us"), v.get("p99_us"), v.get("max_us"), v.getOrDefault("next", 0L));
    }
}
