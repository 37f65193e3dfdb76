package dev.authplane.benchmarks.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The run's settings, from environment variables with defaults sized so that the whole run stays
 * under five minutes on two cores.
 *
 * @param harnessClasspath classpath of this module (servers, verifier comparison, JMH)
 * @param sasClasspath     classpath of the Spring Authorization Server peer
 * @param outDir           where logs, the raw wrk output and the results files go
 * @param jdks             JDK homes to run the token-endpoint and verifier figures on (first = JMH's)
 * @param warmupSeconds    least load before each measurement ({@code BENCH_WARMUP_SECONDS}, 6)
 * @param warmupMaxSeconds most load before each measurement, if the JIT has not settled sooner
 *                         ({@code BENCH_WARMUP_MAX_SECONDS}, 45)
 * @param durationSeconds  measured full-speed load per server ({@code BENCH_DURATION_SECONDS}, 6)
 * @param pacedSeconds     measured load at a fixed rate below saturation ({@code BENCH_PACED_SECONDS}, 5)
 * @param pacedRateH2      offered rate of the paced run on the H2 store ({@code BENCH_PACED_RATE}, 1500 tokens/s)
 * @param pacedRatePg      offered rate of the paced run on PostgreSQL ({@code BENCH_PACED_RATE_PG}, 1000 tokens/s)
 * @param connections      concurrent connections to AuthPlane ({@code BENCH_CONNECTIONS}, 64)
 * @param peerConnections  concurrent connections to the peer ({@code BENCH_PEER_CONNECTIONS}, 16): it is
 *                         saturated by bcrypt at 16 already, and 64 bcrypt checks sharing two cores all
 *                         finish together, in waves seconds apart, too coarse for a short window
 * @param wrkThreads       wrk threads ({@code BENCH_WRK_THREADS}, 2)
 * @param clients          clients whose credentials the requests rotate through ({@code BENCH_CLIENTS}, 16)
 * @param bcryptCost       bcrypt cost of every client secret on both servers ({@code BENCH_BCRYPT_COST}, 10)
 * @param heap             server heap limit ({@code BENCH_SERVER_HEAP}, 256m)
 * @param postgresUrl      {@code AUTHPLANE_TEST_POSTGRES_URL}, or {@code null}
 * @param jmh              whether to run JMH ({@code BENCH_JMH}, 1)
 * @param jmhSeconds       JMH warm-up and measurement iteration length ({@code BENCH_JMH_SECONDS}, 1)
 * @param profile          whether servers record a JFR profile ({@code BENCH_PROFILE}, 0)
 */
record RunSettings(String harnessClasspath, String sasClasspath, Path outDir, List<Path> jdks, int warmupSeconds,
                   int warmupMaxSeconds, int durationSeconds, int pacedSeconds, int pacedRateH2, int pacedRatePg, int connections, int peerConnections, int wrkThreads, int clients, int bcryptCost, String heap,
                   String postgresUrl, boolean jmh, int jmhSeconds, boolean profile) {

    /** Where Debian puts the Temurin 25 JDK whose EC code signs ES256 about three times faster. */
    static final Path TEMURIN_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

    static RunSettings from(Map<String, String> env, String harnessClasspath, String sasClasspath, Path outDir) {
        return new RunSettings(harnessClasspath, sasClasspath, outDir, jdks(env),
                integer(env, "BENCH_WARMUP_SECONDS", 6), integer(env, "BENCH_WARMUP_MAX_SECONDS", 45),
                integer(env, "BENCH_DURATION_SECONDS", 6), integer(env, "BENCH_PACED_SECONDS", 5), integer(env, "BENCH_PACED_RATE", 1500),
                integer(env, "BENCH_PACED_RATE_PG", 1000),
                integer(env, "BENCH_CONNECTIONS", 64), integer(env, "BENCH_PEER_CONNECTIONS", 16),
                integer(env, "BENCH_WRK_THREADS", 2),
                integer(env, "BENCH_CLIENTS", 16), integer(env, "BENCH_BCRYPT_COST", 10),
                env.getOrDefault("BENCH_SERVER_HEAP", "256m"),
                blankToNull(env.get("AUTHPLANE_TEST_POSTGRES_URL")),
                integer(env, "BENCH_JMH", 1) != 0, integer(env, "BENCH_JMH_SECONDS", 1),
                integer(env, "BENCH_PROFILE", 0) != 0);
    }

    /** This JVM's JDK, then Temurin 25 when installed (unless {@code BENCH_JDKS} lists homes, colon-separated). */
    private static List<Path> jdks(Map<String, String> env) {
        List<Path> jdks = new ArrayList<>();
        String listed = env.get("BENCH_JDKS");
        if (listed != null && !listed.isBlank()) {
            for (String home : listed.split(":")) {
                jdks.add(Path.of(home));
            }
            return jdks;
        }
        jdks.add(Path.of(System.getProperty("java.home")));
        if (Files.isExecutable(TEMURIN_25.resolve("bin/java")) && !jdks.get(0).equals(TEMURIN_25)) {
            jdks.add(TEMURIN_25);
        }
        return jdks;
    }

    private static int integer(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, got '" + value + "'");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
