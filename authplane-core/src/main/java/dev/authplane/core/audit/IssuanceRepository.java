package dev.authplane.core.audit;

import dev.authplane.core.config.IssuanceSettings;
import dev.authplane.core.observe.AuthPlaneObserver;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

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

    /** The row of the token {@code jti}, if it is stored. */
    Optional<Issuance> findByJti(String jti);

    /**
     * Marks the token {@code jti} revoked, unless it already is (the first revocation is kept).
     *
     * @return {@code true} when this call revoked it; {@code false} when no such row exists or it
     *         was revoked before
     */
    boolean revoke(String jti, Revocation revocation);

    /**
     * Marks revoked every token of client {@code clientId} that has not expired at {@code now} and
     * is not revoked yet. @return how many rows this call revoked
     */
    int revokeClientTokens(String clientId, Instant now, Revocation revocation);

    /**
     * Marks revoked every token for audience {@code resourceUri} that has not expired at {@code now}
     * and is not revoked yet. @return how many rows this call revoked
     */
    int revokeResourceTokens(String resourceUri, Instant now, Revocation revocation);

    /**
     * The tokens revoked at or after {@code since} that have not expired at {@code now}, in any
     * order: what a node polls to keep its revoked-token set current.
     */
    List<Revocation.RevokedToken> revokedSince(Instant since, Instant now);

    /**
     * {@code store} behind group commit: concurrent {@link #record} calls share one
     * {@link #recordAll} of up to {@link IssuanceSettings#groupCommitMaxBatch()} rows, and each
     * still returns only once its own row is durable; {@code store} itself when the batch size is 1.
     *
     * @param observer told each batch's size, duration and outcome
     */
    static IssuanceRepository withGroupCommit(IssuanceRepository store, IssuanceSettings settings,
                                              AuthPlaneObserver observer) {
        return settings.groupCommitMaxBatch() <= 1 ? store
                : new GroupCommitIssuanceRepository(store, settings.groupCommitMaxBatch(), settings.groupCommitMaxWait(),
                        observer);
    }

    /**
     * The size of the last group commit of {@code store}, when it is one made by
     * {@link #withGroupCommit}; 1 otherwise (rows commit one by one).
     */
    static int lastBatchSize(IssuanceRepository store) {
        return store instanceof GroupCommitIssuanceRepository group ? group.lastBatchSize() : 1;
    }
}
