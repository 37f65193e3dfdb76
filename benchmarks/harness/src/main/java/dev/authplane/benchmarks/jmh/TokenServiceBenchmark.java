package dev.authplane.benchmarks.jmh;

import dev.authplane.benchmarks.InProcessAuthPlane;
import dev.authplane.core.token.IssuedToken;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * {@code TokenService.issue} in process: client authentication (the same client's credentials on
 * every call), resource and scope resolution, ES256 signing and the issuance row, on the in-memory
 * store and on the durable H2 file store (pool of 10, as the server), one thread.
 * {@link ConcurrentIssueBenchmark} measures the H2 store under concurrent requests.
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

    private H2Store h2;

    @Setup
    public void setUp() throws IOException {
        if (storage.equals("h2")) {
            h2 = H2Store.open();
            authPlane = InProcessAuthPlane.create(bcryptCost, h2::adapters);
        } else if (storage.equals("memory")) {
            authPlane = InProcessAuthPlane.create(bcryptCost, UnaryOperator.identity());
        } else {
            throw new IllegalArgumentException("storage must be memory or h2");
        }
    }

    @TearDown
    public void tearDown() throws IOException {
        if (h2 != null) {
            h2.close();
        }
    }

    @Benchmark
    public IssuedToken issue() {
        return authPlane.authPlane().tokens().issue(authPlane.request());
    }
}
