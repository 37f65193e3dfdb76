package dev.authplane.benchmarks.jmh;

import dev.authplane.core.observe.AuthPlaneObserver;
import dev.authplane.micrometer.AuthPlaneMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * What the observation port costs per token, one thread: the calls one issued token makes (a
 * verified-secret cache hit, its audit row's write, a group commit of one row, the issuance) into
 * the Micrometer binding on a Prometheus registry (timers with histograms, as the runnable server
 * wires it), against the same calls into {@link AuthPlaneObserver#NONE}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ObserverBenchmark {

    private AuthPlaneObserver metrics;
    private AuthPlaneObserver none;

    @Setup
    public void setUp() {
        metrics = new AuthPlaneMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        none = AuthPlaneObserver.NONE;
    }

    @Benchmark
    public void tokenWithMetrics() {
        oneToken(metrics);
    }

    @Benchmark
    public void tokenWithoutObserver() {
        oneToken(none);
    }

    private static void oneToken(AuthPlaneObserver observer) {
        observer.secretCacheLookup(true);
        observer.issuanceWritten(180_000, true);
        observer.issuanceBatchCommitted(1, 150_000, true);
        observer.tokenIssued("client_credentials", "client_secret_post", "Bearer", "bench-mcp", "client-1", 900_000);
    }
}
