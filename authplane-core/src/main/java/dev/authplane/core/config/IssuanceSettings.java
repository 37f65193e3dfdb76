package dev.authplane.core.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How issuance rows are committed: concurrent token requests share one commit of up to
 * {@code groupCommitMaxBatch} rows; every row is still durable before its token leaves.
 *
 * @param groupCommitMaxBatch most rows in one commit (1 disables sharing)
 * @param groupCommitMaxWait  how long a commit may wait for more rows while the server is busy
 */
public record IssuanceSettings(int groupCommitMaxBatch, Duration groupCommitMaxWait) {

    /** Default {@link #groupCommitMaxBatch()}. */
    public static final int DEFAULT_GROUP_COMMIT_MAX_BATCH = 64;
    /** Default {@link #groupCommitMaxWait()}: rows never wait. */
    public static final Duration DEFAULT_GROUP_COMMIT_MAX_WAIT = Duration.ZERO;

    public IssuanceSettings {
        if (groupCommitMaxBatch < 1) {
            throw new IllegalArgumentException("groupCommitMaxBatch must be at least 1");
        }
        Objects.requireNonNull(groupCommitMaxWait, "groupCommitMaxWait");
        if (groupCommitMaxWait.isNegative()) {
            throw new IllegalArgumentException("groupCommitMaxWait must not be negative");
        }
    }

    /** The defaults. */
    public static IssuanceSettings defaults() {
        return new IssuanceSettings(DEFAULT_GROUP_COMMIT_MAX_BATCH, DEFAULT_GROUP_COMMIT_MAX_WAIT);
    }
}
