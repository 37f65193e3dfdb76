package dev.authplane.benchmarks.server;

import dev.authplane.micrometer.AuthPlaneMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The Micrometer binding as the runnable server wires it (a Prometheus registry, timers with
 * histograms), scraped once a second on a daemon thread, so that {@code metrics=on} costs what a
 * monitored production server pays: the recording on every request and the exposition.
 */
final class BenchMetrics {

    private BenchMetrics() {
    }

    /** The observer, recording into a registry that a background thread scrapes every second. */
    static AuthPlaneMetrics start() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ScheduledExecutorService scraper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "bench-metrics-scrape");
            thread.setDaemon(true);
            return thread;
        });
        scraper.scheduleAtFixedRate(registry::scrape, 1, 1, TimeUnit.SECONDS);
        return new AuthPlaneMetrics(registry);
    }
}
