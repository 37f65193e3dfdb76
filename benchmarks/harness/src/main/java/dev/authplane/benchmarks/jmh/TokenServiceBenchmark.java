package dev.authplane.benchmarks.jmh;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.authplane.benchmarks.InProcessAuthPlane;
import dev.authplane.core.token.IssuedToken;
import dev.authplane.jdbc.JdbcStorage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * {@code TokenService.issue} in process: client authentication (the same client's credentials on
 * every call), resource and scope resolution, ES256 signing and the issuance row, on the in-memory
 * store and on the durable H2 file store (pool of 10, as the server). {@link #issue()} runs on one
 * thread; {@link #issueFourThreads()} lets concurrent requests share commits where the store can.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TokenServiceBenchmark {

    /** {@code memory} or {@code h2}. */
    @Param({"memory", "h2"})
    public String storage;

    /** bcrypt cost of the client's secret; the run passes its own with {@code -p bcryptCost=}. */
    @Param("10")
    public int bcryptCost;

    private InProcessAuthPlane authPlane;
    private HikariDataSource dataSource;
    private Path dataDir;

    @Setup
    public void setUp() throws IOException {
        UnaryOperator<dev.authplane.core.AuthPlane.Builder> adapters = UnaryOperator.identity();
        if (storage.equals("h2")) {
            dataDir = Files.createTempDirectory("authplane-jmh-h2");
            HikariConfig hikari = new HikariConfig();
            hikari.setJdbcUrl("jdbc:h2:file:" + dataDir.resolve("authplane") + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000");
            hikari.setUsername("sa");
            hikari.setPassword("");
            hikari.setMaximumPoolSize(10);
            dataSource = new HikariDataSource(hikari);
            JdbcStorage jdbc = JdbcStorage.create(dataSource, null);
            adapters = b -> b.clients(jdbc.clients()).resources(jdbc.resources()).issuances(jdbc.issuances())
                    .signingKeys(jdbc.signingKeys()).dpopReplay(jdbc.dpopReplay());
        } else if (!storage.equals("memory")) {
            throw new IllegalArgumentException("storage must be memory or h2");
        }
        authPlane = InProcessAuthPlane.create(bcryptCost, adapters);
    }

    @TearDown
    public void tearDown() throws IOException {
        if (dataSource != null) {
            dataSource.close();
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Benchmark
    public IssuedToken issue() {
        return authPlane.authPlane().tokens().issue(authPlane.request());
    }

    @Benchmark
    @Threads(4)
    public IssuedToken issueFourThreads() {
        return authPlane.authPlane().tokens().issue(authPlane.request());
    }
}
