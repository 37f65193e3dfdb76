package dev.authplane.core.audit;

import dev.authplane.core.config.IssuanceSettings;

import java.time.Instant;
import java.util.List;

/**
 * Port: the issuance audit log.
 *
 * <p>Contract: {@link #record(Issuance)} returns only once the row is durable (committed); if it
 * throws, the caller must not release the token. {@code jti} is unique, enforced by the store
 * ({@link dev.authplane.core.storage.DuplicateKeyException}). Parallel writers lose nothing.
 * Listing order is {@code issued_at} descending, ties broken by {@code jti} descending. Every
 * field round-trips (instants at millisecond precision). Implementations are thread-safe.
 */
public interface IssuanceRepository {

    /** Durably stores one row. */
    void record(Issuance issuance);

    /**
     * Durably stores several rows in one unit of work: either all are stored or none is (the
     * method throws). Used to share one commit between concurrent token requests.
     */
    void recordAll(List<Issuance> issuances);

    /** Rows matching {@code query}, newest first, at most {@code query.limit()}. */
    List<Issuance> find(IssuanceQuery query);

    /** Deletes rows issued before {@code cutoff}. @return how many rows were deleted */
    int purgeIssuedBefore(Instant cutoff);

    /**
     * {@code store} behind group commit: concurrent {@link #record} calls share one
     * {@link #recordAll} of up to {@link IssuanceSettings#groupCommitMaxBatch()} rows, and each
     * still returns only once its own row is durable; {@code store} itself when the batch size is 1.
     */
    static IssuanceRepository withGroupCommit(IssuanceRepository store, IssuanceSettings settings) {
        return settings.groupCommitMaxBatch() <= 1 ? store
                : new GroupCommitIssuanceRepository(store, settings.groupCommitMaxBatch(), settings.groupCommitMaxWait());
    }
}
