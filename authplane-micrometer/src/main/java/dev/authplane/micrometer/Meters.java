package dev.authplane.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** Shared meter plumbing of the two bindings. */
final class Meters {

    /** Percentiles every latency timer publishes (also as a histogram, for aggregation across nodes). */
    static final double[] PERCENTILES = {0.5, 0.99};

    private Meters() {
    }

    /**
     * A latency timer with p50 and p99 and a histogram bounded to 100 µs – 10 s, so the Prometheus
     * exposition stays small.
     */
    static Timer latency(MeterRegistry registry, String name, String description, String... tags) {
        return Timer.builder(name).description(description).tags(tags).publishPercentiles(PERCENTILES)
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(100_000))
                .maximumExpectedValue(Duration.ofSeconds(10)).register(registry);
    }

    /**
     * Meters of one name by tag values: looked up in a map after the first use, so a hot path
     * registers nothing and allocates only its key array.
     */
    static final class Cached<M> {
        private final ConcurrentHashMap<Key, M> meters = new ConcurrentHashMap<>();
        private final Function<String[], M> create;

        Cached(Function<String[], M> create) {
            this.create = create;
        }

        /** The meter for {@code tags} (name, value pairs; every value non-null). */
        M get(String[] tags) {
            Key key = new Key(tags);
            M meter = meters.get(key);
            return meter != null ? meter : meters.computeIfAbsent(key, k -> create.apply(k.tags));
        }
    }

    private static final class Key {
        private final String[] tags;
        private final int hash;

        Key(String[] tags) {
            this.tags = tags;
            this.hash = Arrays.hashCode(tags);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Arrays.equals(tags, key.tags);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
