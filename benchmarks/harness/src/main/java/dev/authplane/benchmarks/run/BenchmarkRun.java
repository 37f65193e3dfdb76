package dev.authplane.benchmarks.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The benchmark run behind {@code benchmarks/run.sh}: on each JDK, the token endpoint of AuthPlane
 * (durable H2 file store; PostgreSQL too when {@code AUTHPLANE_TEST_POSTGRES_URL} is set; on H2
 * also with {@code private_key_jwt} clients, ES256 and RS256 keys) and of
 * Spring Authorization Server under the same wrk load, then the verifier comparison; then JMH on
 * the first JDK. Ends with the {@code RESULT} lines (see {@link Report}).
 *
 * <p>Arguments: the harness classpath, the peer's classpath, the output directory.
 */
public final class BenchmarkRun {

    /** Offered rate of the native-provider paced run: issue 19's latency target is p99 at 2,500 tokens/s. */
    static final int NATIVE_PACED_RATE = 2_500;
    /** Interleaved runs of each side of the metrics on/off comparison. */
    static final int METRICS_PAIRS = 3;
    private static final String OUR_SERVER = "dev.authplane.benchmarks.server.BenchServer";
    private static final String PEER_SERVER = "dev.authplane.benchmarks.sas.SasServer";
    private static final String VERIFIER = "dev.authplane.benchmarks.verifier.VerifierComparison";
    /**
     * The peer's longest warm-up: bcrypt (over 90% of its samples) is compiled within seconds, while
     * its other code, run some 20 times a second, would keep the JIT busy for minutes at no gain.
     */
    private static final int PEER_WARMUP_MAX_SECONDS = 12;
    /** Client key algorithms of the {@code private_key_jwt} runs. */
    private static final List<String> KEY_ALGORITHMS = List.of("ES256", "RS256");
    /** Assertions signed beyond what the secret clients' rate would use. */
    private static final double ASSERTION_MARGIN = 1.3;

    private final RunSettings settings;
    private final Report report = new Report();
    private final Wrk wrk;
    private final Wrk peerWrk;
    private final int cores = Runtime.getRuntime().availableProcessors();

    private BenchmarkRun(RunSettings settings, Wrk wrk, Wrk peerWrk) {
        this.settings = settings;
        this.wrk = wrk;
        this.peerWrk = peerWrk;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: BenchmarkRun <harness classpath> <peer classpath> <output dir>");
        }
        Path out = Path.of(args[2]).toAbsolutePath();
        Files.createDirectories(out);
        RunSettings settings = RunSettings.from(System.getenv(), args[0], args[1], out);
        BenchmarkRun run = new BenchmarkRun(settings, Wrk.prepare(out, settings.wrkThreads(), settings.connections()),
                Wrk.prepare(out, settings.wrkThreads(), settings.peerConnections()));
        run.all();
    }

    private void all() throws IOException, InterruptedException {
        long start = System.nanoTime();
        context();
        List<Jdk> jdks = new ArrayList<>();
        for (Path home : settings.jdks()) {
            jdks.add(Jdk.at(home));
        }
        for (Jdk jdk : jdks) {
            report.context(jdk.label() + ": " + jdk.description() + " (" + jdk.home() + ")");
        }
        for (Jdk jdk : jdks) {
            onJdk(jdk);
        }
        if (settings.jmh()) {
            progress("JMH microbenchmarks on " + jdks.get(0).label());
            JmhRun.run(settings, jdks.get(0), report);
        }
        int missed = Targets.check(report, jdks.stream().map(Jdk::label).toList());
        progress(missed == 0 ? "every target met (see results.md)" : missed + " target checks missed (see results.md)");
        report.context("load average at end: " + loadAverage() + "; run took "
                + Math.round((System.nanoTime() - start) / 1e9) + " s");
        report.write(settings.outDir());
        System.out.println();
        report.lines().forEach(System.out::println);
    }

    private void onJdk(Jdk jdk) throws IOException, InterruptedException {
        String l = "_" + jdk.label();
        progress("token endpoint, AuthPlane + durable H2, " + jdk.label());
        EndpointRun.Figures ours = endpoint(jdk, wrk, "ours-h2" + l, settings.harnessClasspath(), OUR_SERVER, null,
                "/oauth/token", settings.pacedRateH2(), settings.warmupMaxSeconds());
        Map<String, EndpointRun.Figures> keyClients = new java.util.LinkedHashMap<>();
        for (String alg : KEY_ALGORITHMS) {
            progress("token endpoint, AuthPlane + durable H2, private_key_jwt clients with " + alg + " keys, "
                    + jdk.label());
            keyClients.put(alg, assertionEndpoint(jdk, "ours-h2-pkjwt-" + alg.toLowerCase() + l, alg,
                    ours.wrk().okPerSecond()));
        }
        progress("token endpoint, AuthPlane + durable H2, revocation and introspection endpoints off, " + jdk.label());
        EndpointRun.Figures lifecycleOff = endpoint(jdk, wrk, "ours-h2-lifecycle-off" + l, settings.harnessClasspath(),
                OUR_SERVER, List.of("lifecycle=off"), "/oauth/token", 0, settings.warmupMaxSeconds(), null);
        progress("token endpoint, AuthPlane + durable H2, native crypto provider (auto), " + jdk.label());
        EndpointRun.Figures nativeCrypto = endpoint(jdk, wrk, "ours-h2-native" + l, settings.harnessClasspath(),
                OUR_SERVER, List.of("crypto-provider=auto"), "/oauth/token", NATIVE_PACED_RATE,
                settings.warmupMaxSeconds(), null);
        progress("token endpoint, AuthPlane + durable H2, Micrometer binding on and off, interleaved "
                + METRICS_PAIRS + " times, " + jdk.label());
        double[] metrics = metricsOnAndOff(jdk, l);
        progress("introspection endpoint, AuthPlane + durable H2, " + jdk.label());
        EndpointRun.Figures introspection = endpoint(jdk, wrk, "ours-h2-introspect" + l, settings.harnessClasspath(),
                OUR_SERVER, List.of("introspect=true"), "/oauth/introspect", 0, settings.warmupMaxSeconds(), null);
        EndpointRun.Figures pg = null;
        if (settings.postgresUrl() != null) {
            progress("token endpoint, AuthPlane + PostgreSQL, " + jdk.label());
            pg = endpoint(jdk, wrk, "ours-pg" + l, settings.harnessClasspath(), OUR_SERVER, settings.postgresUrl(),
                    "/oauth/token", settings.pacedRatePg(), settings.warmupMaxSeconds());
        }
        progress("token endpoint, Spring Authorization Server + durable H2, " + jdk.label());
        EndpointRun.Figures peer = endpoint(jdk, peerWrk, "sas-h2" + l, settings.sasClasspath(), PEER_SERVER, null,
                "/oauth2/token", 0, Math.min(PEER_WARMUP_MAX_SECONDS, settings.warmupMaxSeconds()));
        progress("verifier comparison, " + jdk.label());
        Map<String, Double> v = verifierFigures(jdk);

        report.compare("token_endpoint_h2" + l, ours.wrk().okPerSecond(), peer.wrk().okPerSecond(), "tokens/s");
        report.compare("token_endpoint_h2_p50" + l, ours.wrk().millis(ours.wrk().p50Micros()),
                peer.wrk().millis(peer.wrk().p50Micros()), "ms");
        report.compare("token_endpoint_h2_p99" + l, ours.wrk().millis(ours.wrk().p99Micros()),
                peer.wrk().millis(peer.wrk().p99Micros()), "ms");
        paced("token_endpoint_h2", l, ours);
        health("token_endpoint_h2", "ours", l, ours);
        health("token_endpoint_h2", "sas", l, peer);
        report.value("token_endpoint_h2_share_of_es256_sign_limit" + l,
                ours.wrk().okPerSecond() / (cores * v.get("es256_sign")), "fraction");
        report.value("token_endpoint_h2_sas_share_of_bcrypt_limit" + l,
                peer.wrk().okPerSecond() / (cores * v.get("bcrypt_check")), "fraction");
        keyClients.forEach((alg, f) -> privateKeyJwt(alg, l, f, ours, v));
        report.compare("token_endpoint_h2_revocation_on_vs_off" + l, ours.wrk().okPerSecond(),
                lifecycleOff.wrk().okPerSecond(), "tokens/s");
        report.compare("token_endpoint_h2_metrics_on_vs_off" + l, metrics[0], metrics[1], "tokens/s");
        report.compare("token_endpoint_h2_native_vs_jdk" + l, nativeCrypto.wrk().okPerSecond(), ours.wrk().okPerSecond(),
                "tokens/s");
        report.value("token_endpoint_h2_native_p99" + l, nativeCrypto.wrk().millis(nativeCrypto.wrk().p99Micros()), "ms");
        paced("token_endpoint_h2_native", l, nativeCrypto);
        health("token_endpoint_h2_native", "ours", l, nativeCrypto);
        report.value("introspection_endpoint_h2" + l, introspection.wrk().okPerSecond(), "introspections/s");
        report.value("introspection_endpoint_h2_p99" + l, introspection.wrk().millis(introspection.wrk().p99Micros()),
                "ms");
        report.value("introspection_endpoint_h2_share_of_es256_verify_limit" + l,
                introspection.wrk().okPerSecond() / (cores * v.get("es256_verify_raw")), "fraction");
        health("introspection_endpoint_h2", "ours", l, introspection);
        if (pg != null) {
            report.value("token_endpoint_pg" + l, pg.wrk().okPerSecond(), "tokens/s");
            report.value("token_endpoint_pg_p50" + l, pg.wrk().millis(pg.wrk().p50Micros()), "ms");
            report.value("token_endpoint_pg_p99" + l, pg.wrk().millis(pg.wrk().p99Micros()), "ms");
            paced("token_endpoint_pg", l, pg);
            health("token_endpoint_pg", "ours", l, pg);
        }
        report.compare("verifier_reused_token" + l, v.get("verifier_reused_ours"), v.get("verifier_reused_spring"),
                "verifications/s/thread");
        report.compare("verifier_fresh_tokens" + l, v.get("verifier_fresh_ours"), v.get("verifier_fresh_spring"),
                "verifications/s/thread");
        report.compare("verifier_fresh_vs_raw_nimbus" + l, v.get("verifier_fresh_ours"), v.get("es256_verify_raw"),
                "verifications/s/thread");
        report.value("es256_sign" + l, v.get("es256_sign"), "signs/s/thread");
        report.value("es256_sign_native" + l, v.get("es256_sign_native"), "signs/s/thread");
        report.compare("verifier_fresh_tokens_native" + l, v.get("verifier_fresh_ours_native"),
                v.get("verifier_fresh_spring"), "verifications/s/thread");
        report.value("es256_verify" + l, v.get("es256_verify_raw"), "verifications/s/thread");
        report.value("bcrypt_check_cost" + settings.bcryptCost() + l, v.get("bcrypt_check"), "checks/s/thread");
    }

    /**
     * Tokens/s for {@code private_key_jwt} clients next to the secret clients' figure, and what
     * the assertion costs: the server CPU per token beyond a secret client's, against one signature
     * verification of the client's algorithm (the one step such a request adds).
     */
    private void privateKeyJwt(String alg, String label, EndpointRun.Figures f, EndpointRun.Figures secret,
                               Map<String, Double> v) {
        String prefix = "token_endpoint_h2_private_key_jwt_" + alg.toLowerCase();
        report.value(prefix + label, f.wrk().okPerSecond(), "tokens/s");
        report.value(prefix + "_p50" + label, f.wrk().millis(f.wrk().p50Micros()), "ms");
        report.value(prefix + "_p99" + label, f.wrk().millis(f.wrk().p99Micros()), "ms");
        report.value(prefix + "_vs_secret_clients" + label, f.wrk().okPerSecond() / secret.wrk().okPerSecond(),
                "fraction");
        health(prefix, "ours", label, f);
        double extra = cpuPerToken(f) - cpuPerToken(secret);
        double verify = 1e6 / v.get(alg.toLowerCase() + "_verify_raw");
        report.value(prefix + "_extra_cpu_per_token" + label, extra, "us/token");
        report.value(prefix + "_one_verification_cost" + label, verify, "us");
        report.value(prefix + "_extra_cpu_vs_one_verification" + label, extra / verify, "x");
    }

    private static double cpuPerToken(EndpointRun.Figures f) {
        return f.cpu().serverMicrosPer(f.wrk().requests() - f.wrk().non2xx());
    }

    /** Latency at a fixed offered rate below saturation (at saturation, latency is connections ÷ throughput). */
    private void paced(String prefix, String label, EndpointRun.Figures f) {
        if (f.paced() != null) {
            report.value(prefix + "_paced_rate" + label, f.paced().okPerSecond(), "tokens/s");
            report.value(prefix + "_paced_p50" + label, f.paced().millis(f.paced().p50Micros()), "ms");
            report.value(prefix + "_paced_p99" + label, f.paced().millis(f.paced().p99Micros()), "ms");
        }
    }

    private void health(String prefix, String who, String label, EndpointRun.Figures f) {
        long failed = f.wrk().errors() + f.wrk().non2xx() + (f.paced() == null ? 0 : f.paced().errors() + f.paced().non2xx());
        report.value(prefix + "_failed_requests_" + who + label, failed, "requests");
        report.value(prefix + "_server_cpu_per_token_" + who + label, cpuPerToken(f), "us/token");
        report.value(prefix + "_server_cores_" + who + label, f.cpu().serverCores(), "cores");
        report.value(prefix + "_jit_cores_" + who + label, f.cpu().compilerCores(), "cores");
        report.value(prefix + "_warmup_" + who + label, f.warmupSeconds(), "s");
        report.value(prefix + "_other_cores_" + who + label, f.cpu().otherCores(), "cores");
        report.value(prefix + "_heap_after_gc_max_" + who + label, f.heapAfterGcMaxMb(), "MB");
        report.value(prefix + "_server_alive_after_load_" + who + label, f.survived() ? 1 : 0, "boolean");
    }

    private EndpointRun.Figures endpoint(Jdk jdk, Wrk load, String name, String classpath, String mainClass, String jdbcUrl,
                                         String tokenPath, int pacedRate, int warmupMax) throws IOException, InterruptedException {
        List<String> extra = jdbcUrl == null ? List.of() : List.of("jdbc-url=" + jdbcUrl);
        return endpoint(jdk, load, name, classpath, mainClass, extra, tokenPath, pacedRate, warmupMax, null);
    }

    /**
     * Tokens/s with the Micrometer binding on and off: {@value #METRICS_PAIRS} runs of each,
     * interleaved (off, on, off, on...), so that a drift of the shared machine hits both sides alike;
     * the medians are compared. Returns {@code {on, off}}.
     */
    private double[] metricsOnAndOff(Jdk jdk, String l) throws IOException, InterruptedException {
        List<Double> on = new ArrayList<>();
        List<Double> off = new ArrayList<>();
        for (int i = 0; i < METRICS_PAIRS; i++) {
            off.add(endpoint(jdk, wrk, "ours-h2-metrics-off-" + i + l, settings.harnessClasspath(), OUR_SERVER,
                    List.of("metrics=off"), "/oauth/token", 0, settings.warmupMaxSeconds(), null).wrk().okPerSecond());
            on.add(endpoint(jdk, wrk, "ours-h2-metrics-on-" + i + l, settings.harnessClasspath(), OUR_SERVER,
                    List.of("metrics=on"), "/oauth/token", 0, settings.warmupMaxSeconds(), null).wrk().okPerSecond());
        }
        progress("metrics on " + on + ", off " + off + " tokens/s");
        return new double[] {median(on), median(off)};
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /**
     * AuthPlane on H2 with {@code private_key_jwt} clients too, measured on their requests. The
     * server signs, before it answers, one assertion per request the run can send: the secret
     * clients' rate bounds this one (the same work plus a verification), so that rate over the
     * assertion warm-up and the measurement, with a margin, is enough.
     */
    private EndpointRun.Figures assertionEndpoint(Jdk jdk, String name, String alg, double secretRate)
            throws IOException, InterruptedException {
        double rate = Double.isNaN(secretRate) ? 2_000 : secretRate;
        long count = (long) Math.ceil(rate * (settings.warmupSeconds() + settings.durationSeconds() + 2)
                * ASSERTION_MARGIN);
        Path onceBodies = settings.outDir().resolve(name + "-assertions.txt");
        try {
            return endpoint(jdk, wrk, name, settings.harnessClasspath(), OUR_SERVER,
                    List.of("key-alg=" + alg, "assertions=" + count, "assertion-bodies=" + onceBodies),
                    "/oauth/token", 0, settings.warmupMaxSeconds(), onceBodies);
        } finally {
            Files.deleteIfExists(onceBodies);
        }
    }

    private EndpointRun.Figures endpoint(Jdk jdk, Wrk load, String name, String classpath, String mainClass,
                                         List<String> extraArgs, String tokenPath, int pacedRate, int warmupMax,
                                         Path onceBodies) throws IOException, InterruptedException {
        Path dataDir = settings.outDir().resolve("data").resolve(name);
        deleteTree(dataDir);
        Files.createDirectories(dataDir);
        Path bodies = settings.outDir().resolve(name + "-bodies.txt");
        List<String> args = new ArrayList<>(List.of("port=0", "data-dir=" + dataDir, "bodies=" + bodies,
                "clients=" + settings.clients(), "bcrypt-cost=" + settings.bcryptCost()));
        args.addAll(extraArgs);
        try {
            return EndpointRun.measure(settings, jdk, load,
                    new EndpointRun.Server(name, classpath, mainClass, args, tokenPath, bodies, pacedRate,
                            warmupMax, onceBodies));
        } finally {
            Files.deleteIfExists(bodies);
            deleteTree(dataDir);
        }
    }

    private Map<String, Double> verifierFigures(Jdk jdk) throws IOException, InterruptedException {
        Map<String, Double> figures = new HashMap<>();
        try (ChildJvm child = ChildJvm.start("verifier-" + jdk.label(), jdk.home(), List.of("-Xmx512m"),
                settings.harnessClasspath(), VERIFIER, List.of("bcrypt-cost=" + settings.bcryptCost()), settings.outDir().resolve("verifier-" + jdk.label() + ".log"))) {
            for (String line : child.awaitFigures(300)) {
                String[] parts = line.split(" ");
                figures.put(parts[1], Double.parseDouble(parts[2]));
            }
        }
        return figures;
    }

    private void context() throws IOException {
        report.context("started " + Instant.now() + " on " + cpuModel() + ", " + cores + " cores, "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB max heap for the orchestrator");
        report.context("load average at start: " + loadAverage());
        report.context("settings: warm-up from " + settings.warmupSeconds() + " s until the JIT settled (at most "
                + settings.warmupMaxSeconds() + " s), measured " + settings.durationSeconds()
                + " s per server at full speed (closed loop), paced runs " + settings.pacedSeconds() + " s at "
                + settings.pacedRateH2() + " (H2) and " + settings.pacedRatePg() + " (PostgreSQL) tokens/s offered, "
                + settings.connections() + " connections to AuthPlane and " + settings.peerConnections()
                + " to the peer, wrk " + settings.wrkThreads()
                + " threads on the same cores, " + settings.clients() + " clients rotated, bcrypt cost "
                + settings.bcryptCost() + ", ES256, server heap -Xmx" + settings.heap()
                + (settings.postgresUrl() != null ? ", PostgreSQL on" : ", PostgreSQL off (AUTHPLANE_TEST_POSTGRES_URL unset)"));
    }

    private static String cpuModel() throws IOException {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.exists(cpuinfo)) {
            return System.getProperty("os.arch");
        }
        return Files.readAllLines(cpuinfo).stream().filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse(System.getProperty("os.arch"));
    }

    private static String loadAverage() throws IOException {
        Path loadavg = Path.of("/proc/loadavg");
        return Files.exists(loadavg) ? Files.readString(loadavg).strip() : "n/a";
    }

    private static void progress(String message) {
        System.out.println("bench: " + java.time.LocalTime.now().withNano(0) + " " + message);
        System.out.flush();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
