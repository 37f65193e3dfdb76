package dev.authplane.benchmarks.run;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One token-endpoint measurement: start a server JVM (heap-limited, OOM = exit, GC log on), send
 * each client's first token request by hand, warm up with wrk until the JIT has settled, measure
 * with wrk, and check that the server is still alive.
 */
final class EndpointRun {

    /**
     * @param wrk              the full-speed wrk run (the server saturated)
     * @param cpu              where the CPU went during the full-speed run
     * @param paced            the run at a fixed offered rate below saturation, or {@code null}
     * @param warmupSeconds    how long the load ran before the measurement (until the JIT settled)
     * @param heapAfterGcMaxMb the largest heap occupancy right after a GC, from the GC log
     * @param gcCount          GC pauses during the server's life
     * @param survived         whether the server was still running after the load
     */
    record Figures(Wrk.Result wrk, CpuUsage cpu, Wrk.Result paced, int warmupSeconds, double heapAfterGcMaxMb,
                   int gcCount, boolean survived) {
    }

    /**
     * A server to measure: its classpath, main class, arguments and token endpoint path, the rate
     * (tokens/s) at which to measure latency below saturation (0: no paced run) and the longest
     * warm-up it gets. With {@code onceBodies} (request bodies that cannot be replayed, one client
     * assertion each) the JIT warms up on the rotating {@code bodies} as usual, then on
     * {@code onceBodies} (the same rule, as long as enough of them remain), and the measurement
     * sends {@code onceBodies}.
     */
    record Server(String name, String classpath, String mainClass, List<String> args, String tokenPath, Path bodies,
                  int pacedRate, int warmupMaxSeconds, Path onceBodies) {
    }

    /** Length of one warm-up window. */
    private static final int WARMUP_WINDOW_SECONDS = 3;
    /** JIT compiler CPU (cores) below which the server counts as warmed up. */
    private static final double JIT_SETTLED_CORES = 0.1;

    /** Length of each paced run that calibrates the think time before the measured paced run. */
    private static final int CALIBRATION_SECONDS = 2;
    /** Calibration runs before the measured paced run. */
    private static final int CALIBRATION_ROUNDS = 2;

    private static final Pattern HEAP_AFTER = Pattern.compile("\\d+M->(\\d+)M\\(\\d+M\\)");

    private EndpointRun() {
    }

    static Figures measure(RunSettings settings, Jdk jdk, Wrk wrk, Server server) throws IOException, InterruptedException {
        Path out = settings.outDir();
        Path gcLog = out.resolve(server.name() + "-gc.log");
        List<String> jvm = new ArrayList<>(List.of("-Xmx" + settings.heap(), "-XX:+ExitOnOutOfMemoryError",
                "-Xlog:gc:file=" + gcLog));
        if (settings.profile()) {
            jvm.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + out.resolve(server.name() + ".jfr"));
        }
        try (ChildJvm child = ChildJvm.start(server.name(), jdk.home(), jvm, server.classpath(), server.mainClass(),
                server.args(), out.resolve(server.name() + ".log"))) {
            int port = child.awaitReady(180);
            String url = "http://127.0.0.1:" + port + server.tokenPath();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            for (String body : Files.readAllLines(server.bodies())) {
                checkOneRequest(http, url, body, server.name());
            }
            int warmup = warmUp(settings, wrk, child, url, server);
            long nextOnce = 0;
            if (server.onceBodies() != null) {
                checkOneRequest(http, url, firstLine(server.onceBodies()), server.name());
                OnceWarmUp once = warmUpOnce(settings, wrk, child, url, server);
                nextOnce = once.nextBody();
                warmup += once.seconds();
            }
            CpuUsage.Mark start = CpuUsage.mark(child.handle());
            java.time.Instant from = java.time.Instant.now();
            Path measured = out.resolve(server.name() + ".wrk.txt");
            Wrk.Result result = server.onceBodies() == null
                    ? wrk.run(url, server.bodies(), settings.durationSeconds(), measured)
                    : wrk.runOnce(url, server.onceBodies(), nextOnce, settings.durationSeconds(), measured);
            java.time.Instant to = java.time.Instant.now();
            CpuUsage cpu = CpuUsage.since(start, child.handle());
            Wrk.Result paced = server.pacedRate() > 0 ? paced(settings, wrk, server, url) : null;
            boolean survived = child.isAlive();
            child.close();
            if (settings.profile()) {
                ProfileBreakdown.write(out.resolve(server.name() + ".jfr"), from, to,
                        out.resolve(server.name() + "-profile.txt"));
            }
            return gcFigures(result, cpu, paced, warmup, gcLog, survived);
        }
    }

    /**
     * Sends one request per client, one at a time (the first use of each client's credentials, so the
     * measured load sees the steady state of clients that reuse them), and fails fast, with the
     * server's answer, when the fixture is not accepted.
     */
    private static void checkOneRequest(HttpClient http, String url, String body, String name)
            throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        boolean answered = response.body().contains("\"access_token\"") || response.body().contains("\"active\":true");
        if (response.statusCode() != 200 || !answered) {
            throw new IllegalStateException(name + " refused the benchmark's token request: HTTP "
                    + response.statusCode() + " " + response.body());
        }
    }

    private static String firstLine(Path file) throws IOException {
        try (java.io.BufferedReader in = Files.newBufferedReader(file)) {
            return in.readLine();
        }
    }

    /**
     * Offers {@code pacedRate} tokens/s: each connection thinks between requests, and the think time
     * is calibrated in {@value #CALIBRATION_ROUNDS} short runs, each correcting it by the gap
     * between the cycle (think time plus latency) the target rate needs and the one measured, so
     * that the measured run offers the target rate rather than a guess at it.
     */
    private static Wrk.Result paced(RunSettings settings, Wrk wrk, Server server, String url)
            throws IOException, InterruptedException {
        Path out = settings.outDir();
        double wantedCycleMs = wrk.connections() * 1000.0 / server.pacedRate();
        double think = wantedCycleMs;
        for (int round = 1; round <= CALIBRATION_ROUNDS; round++) {
            Wrk.Result calibration = wrk.run(url, server.bodies(), CALIBRATION_SECONDS, think,
                    out.resolve(server.name() + "-paced-calibration-" + round + ".wrk.txt"));
            if (calibration.okPerSecond() <= 0) {
                break;
            }
            double measuredCycleMs = wrk.connections() * 1000.0 / calibration.okPerSecond();
            think = Math.max(1, think + wantedCycleMs - measuredCycleMs);
        }
        return wrk.run(url, server.bodies(), settings.pacedSeconds(), think,
                out.resolve(server.name() + "-paced.wrk.txt"));
    }

    /**
     * Loads the server in {@value #WARMUP_WINDOW_SECONDS} s windows until its JIT has settled: at
     * least {@code warmupSeconds}, then until the compiler threads used less than
     * {@value #JIT_SETTLED_CORES} of a core in the last window, at most the server's maximum.
     * (On two cores, C2 needs 30-40 s of load before it stops competing with the requests.)
     *
     * @return the seconds spent warming up
     */
    private static int warmUp(RunSettings settings, Wrk wrk, ChildJvm child, String url, Server server)
            throws IOException, InterruptedException {
        Path log = settings.outDir().resolve(server.name() + "-warmup.wrk.txt");
        int spent = 0;
        while (true) {
            double before = CpuUsage.compilerSeconds(child.handle().pid());
            wrk.run(url, server.bodies(), WARMUP_WINDOW_SECONDS, log);
            spent += WARMUP_WINDOW_SECONDS;
            double jitCores = (CpuUsage.compilerSeconds(child.handle().pid()) - before) / WARMUP_WINDOW_SECONDS;
            boolean settled = !(jitCores >= JIT_SETTLED_CORES);
            if ((spent >= settings.warmupSeconds() && settled) || spent >= server.warmupMaxSeconds()) {
                return spent;
            }
        }
    }

    private record OnceWarmUp(long nextBody, int seconds) {
    }

    /**
     * The warm-up of the send-once bodies (after the rotating warm-up): windows as in
     * {@link #warmUp} until the JIT has settled, but never so long that fewer bodies remain than
     * the measurement would use at the last window's rate with half as many again to spare.
     */
    private static OnceWarmUp warmUpOnce(RunSettings settings, Wrk wrk, ChildJvm child, String url, Server server)
            throws IOException, InterruptedException {
        long total;
        try (java.util.stream.Stream<String> lines = Files.lines(server.onceBodies())) {
            total = lines.count();
        }
        Path log = settings.outDir().resolve(server.name() + "-warmup-once.wrk.txt");
        long next = 1;
        int spent = 0;
        while (true) {
            double before = CpuUsage.compilerSeconds(child.handle().pid());
            Wrk.Result window = wrk.runOnce(url, server.onceBodies(), next, WARMUP_WINDOW_SECONDS, log);
            next = window.nextBody();
            spent += WARMUP_WINDOW_SECONDS;
            double jitCores = (CpuUsage.compilerSeconds(child.handle().pid()) - before) / WARMUP_WINDOW_SECONDS;
            boolean settled = !(jitCores >= JIT_SETTLED_CORES);
            boolean reserveLeft = total - next > window.okPerSecond() * settings.durationSeconds() * 1.5;
            if ((spent >= settings.warmupSeconds() && settled) || spent >= server.warmupMaxSeconds() || !reserveLeft) {
                return new OnceWarmUp(next, spent);
            }
        }
    }

    private static Figures gcFigures(Wrk.Result result, CpuUsage cpu, Wrk.Result paced, int warmup, Path gcLog,
                                     boolean survived) throws IOException {
        double max = 0;
        int count = 0;
        if (Files.exists(gcLog)) {
            for (String line : Files.readAllLines(gcLog)) {
                Matcher m = HEAP_AFTER.matcher(line);
                if (line.contains("Pause") && m.find()) {
                    count++;
                    max = Math.max(max, Double.parseDouble(m.group(1)));
                }
            }
        }
        return new Figures(result, cpu, paced, warmup, max, count, survived);
    }
}
