package dev.authplane.core.audit;

import dev.authplane.core.observe.AuthPlaneObserver;
import dev.authplane.core.storage.StorageException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An {@link IssuanceRepository} in front of another that lets concurrent token requests share one
 * commit (group commit). Each {@link #record(Issuance)} call queues its row and blocks. The first
 * caller that finds no commit in flight becomes the leader: it takes up to {@code maxBatch}
 * queued rows (oldest first), writes them with one {@link IssuanceRepository#recordAll(List)} (or
 * {@link IssuanceRepository#record(Issuance)} for a single row), and wakes the others; rows that
 * arrived meanwhile form the next batch, led by one of their callers. No background thread exists,
 * so there is nothing to start or stop.
 *
 * <p><b>Latency.</b> An idle server never waits: a lone row is committed at once. With a positive
 * {@code maxWait}, a leader waits up to that long for more rows, but only while the previous
 * batch held more than one row, i.e. while requests are actually arriving together.
 *
 * <p><b>Guarantees.</b> {@code record} returns only after the batch holding its own row committed,
 * so the row is durable before the token leaves. When the batch fails, every caller in it gets
 * the same exception (so no token of that batch is released) and the batch is not retried: the
 * underlying store is all-or-nothing per {@code recordAll}, and a store that reported a failure
 * after committing (a lost acknowledgement) would turn a retry into duplicate rows. Callers of
 * other batches are unaffected. {@link #recordAll(List)}, {@link #find} and
 * {@link #purgeIssuedBefore} go straight to the underlying store. Thread-safe.
 */
final class GroupCommitIssuanceRepository implements IssuanceRepository {

    /** Default largest batch. */
    public static final int DEFAULT_MAX_BATCH = 64;

    /** Default wait for more rows: none. */
    public static final Duration DEFAULT_MAX_WAIT = Duration.ZERO;

    private final IssuanceRepository delegate;
    private final AuthPlaneObserver observer;
    private final int maxBatch;
    private final long maxWaitNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition finished = lock.newCondition();
    private final Condition arrived = lock.newCondition();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private boolean committing;
    private int lastBatchSize;

    /**
     * @param delegate the store that commits each batch
     * @param maxBatch most rows per commit, at least 1
     * @param maxWait  longest wait for more rows under load; zero never waits
     * @param observer told each batch's size, duration and outcome
     */
    GroupCommitIssuanceRepository(IssuanceRepository delegate, int maxBatch, Duration maxWait,
                                  AuthPlaneObserver observer) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.observer = Objects.requireNonNull(observer, "observer");
        if (maxBatch < 1 || maxWait.isNegative()) {
            throw new IllegalArgumentException("maxBatch must be at least 1 and maxWait not negative");
        }
        this.maxBatch = maxBatch;
        this.maxWaitNanos = maxWait.toNanos();
    }

    /** Stores {@code issuance} in a shared commit; returns once that commit succeeded. */
    @Override
    public void record(Issuance issuance) {
        Pending mine = new Pending(Objects.requireNonNull(issuance, "issuance"));
        lock.lock();
        try {
            queue.add(mine);
            arrived.signal();
            while (!mine.done) {
                if (committing) {
                    finished.awaitUninterruptibly();
                } else {
                    lead();
                }
            }
        } finally {
            lock.unlock();
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
    }

    @Override
    public void recordAll(List<Issuance> issuances) {
        delegate.recordAll(issuances);
    }

    @Override
    public List<Issuance> find(IssuanceQuery query) {
        return delegate.find(query);
    }

    @Override
    public int purgeIssuedBefore(Instant cutoff) {
        return delegate.purgeIssuedBefore(cutoff);
    }

    @Override
    public Optional<Issuance> findByJti(String jti) {
        return delegate.findByJti(jti);
    }

    @Override
    public boolean revoke(String jti, Revocation revocation) {
        return delegate.revoke(jti, revocation);
    }

    @Override
    public int revokeClientTokens(String clientId, Instant now, Revocation revocation) {
        return delegate.revokeClientTokens(clientId, now, revocation);
    }

    @Override
    public int revokeResourceTokens(String resourceUri, Instant now, Revocation revocation) {
        return delegate.revokeResourceTokens(resourceUri, now, revocation);
    }

    @Override
    public List<Revocation.RevokedToken> revokedSince(Instant since, Instant now) {
        return delegate.revokedSince(since, now);
    }

    /** The size of the most recent batch. */
    int lastBatchSize() {
        lock.lock();
        try {
            return lastBatchSize;
        } finally {
            lock.unlock();
        }
    }

    /** Rows waiting now for a commit to pick them up (not counting the commit in flight); for metrics. */
    int queued() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Commits one batch. Called and returns holding the lock, with no commit in flight. */
    private void lead() {
        committing = true;
        List<Pending> batch = List.of();
        RuntimeException failure = null;
        boolean committed = false;
        try {
            awaitCompany();
            batch = drain();
            lock.unlock();
            long started = System.nanoTime();
            try {
                commit(batch);
                committed = true;
            } catch (RuntimeException e) {
                failure = e;
            } finally {
                observer.issuanceBatchCommitted(batch.size(), System.nanoTime() - started, committed);
                lock.lock();
            }
        } finally {
            RuntimeException outcome = committed ? null
                    : failure != null ? failure : new StorageException("the issuance batch was aborted");
            batch.forEach(p -> p.finish(outcome));
            committing = false;
            finished.signalAll();
        }
    }

    /** Under load, waits up to maxWait for a fuller batch. */
    private void awaitCompany() {
        long left = lastBatchSize > 1 ? maxWaitNanos : 0;
        while (left > 0 && queue.size() < maxBatch) {
            try {
                left = arrived.awaitNanos(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private List<Pending> drain() {
        List<Pending> batch = new ArrayList<>(Math.min(queue.size(), maxBatch));
        while (!queue.isEmpty() && batch.size() < maxBatch) {
            batch.add(queue.poll());
        }
        lastBatchSize = batch.size();
        return batch;
    }

    private void commit(List<Pending> batch) {
        if (batch.size() == 1) {
            delegate.record(batch.get(0).row);
        } else {
            delegate.recordAll(batch.stream().map(p -> p.row).toList());
        }
    }

    /** One caller's row and, once its batch ended, the outcome; guarded by the lock. */
    private static final class Pending {
        private final Issuance row;
        private boolean done;
        private RuntimeException failure;

        Pending(Issuance row) {
            this.row = row;
        }

        void finish(RuntimeException outcome) {
            done = true;
            failure = outcome;
        }
    }
}
