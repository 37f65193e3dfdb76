package dev.authplane.core.observe;

import java.time.Duration;

/**
 * Current state an observer may sample, e.g. as gauges at scrape time. Each method is cheap and
 * never blocks on storage. Thread-safe.
 */
public interface AuthPlaneGauges {

    /** Requests waiting for a bcrypt slot now. */
    int secretChecksWaiting();

    /** bcrypt checks running now. */
    int secretChecksRunning();

    /** Verified credentials cached now. */
    int verifiedSecretsCached();

    /** The size of the most recent issuance commit batch (1 when rows commit one by one). */
    int lastCommitBatchSize();

    /**
     * How long ago the active signing key became active, from this node's cached key state, or
     * {@link Duration#ZERO} before the first key was loaded.
     */
    Duration activeKeyAge();
}
