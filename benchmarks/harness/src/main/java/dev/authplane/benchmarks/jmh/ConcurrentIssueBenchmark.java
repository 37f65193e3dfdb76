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
import org.openjdk.jmh.annotations.Threads;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * {@code TokenService.issue} on the durable H2 store with four concurrent callers on the machine's
 * cores: the in-process ceiling of the token endpoint, where concurrent requests can share
 * issuance commits (group commit). Reported as total tokens per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ConcurrentIssueBenchmark {

    /** bcrypt cost of the client's secret; the run passes its own with {@code -p bcryptCost=}. */
    @Param("10")
    public int bcryptCost;

    private H2Store h2;
    private InProcessAuthPlane authPlane;

    @Setup
    public void setUp() throws IOException {
        h2 = H2Store.open();
        authPlane = InProcessAuthPlane.create(bcryptCost, h2::adapters);
    }

    @TearDown
    public void tearDown() throws IOException {
        h2.close();
    }

    @Benchmark
    @Threads(4)
    public IssuedToken h2FourThreads() {
        return authPlane.authPlane().tokens().issue(authPlane.request());
    }
}
