package dev.authplane.core.lifecycle;

import dev.authplane.core.audit.IssuanceRepository;
import dev.authplane.core.audit.Revocation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's set of revoked, not yet expired tokens: what introspection checks, without a
 * database round trip per request. A revocation made here is in the set at once; one made by
 * another node sharing the store arrives at the next refresh, which polls the store when the set
 * is older than the refresh interval (so a revocation reaches every node within that interval,
 * plus the time the poll takes). Each poll reaches back {@link #POLL_OVERLAP} before the previous
 * one, since nodes stamp revocations with their own clocks. Entries leave once their token has
 * expired. No thread of its own: the caller that finds the set stale refreshes it. Thread-safe.
 */
public final class RevokedTokens {

    /** How far each poll reaches back before the previous one. */
    static final Duration POLL_OVERLAP = Duration.ofMinutes(1);

    private final IssuanceRepository issuances;
    private final Clock clock;
    private final Duration refreshInterval;
    private final Map<String, Instant> expiries = new ConcurrentHashMap<>();
    private Instant lastPoll;

    public RevokedTokens(IssuanceRepository issuances, Clock clock, Duration refreshInterval) {
        this.issuances = Objects.requireNonNull(issuances, "issuances");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.refreshInterval = Objects.requireNonNull(refreshInterval, "refreshInterval");
        if (refreshInterval.isNegative()) {
            throw new IllegalArgumentException("refreshInterval must not be negative");
        }
    }

    /**
     * Whether {@code jti} was revoked, as of this node's last refresh (refreshed first when stale).
     *
     * @throws dev.authplane.core.storage.StorageException when a due refresh cannot read the store
     */
    public boolean isRevoked(String jti) {
        refreshIfStale();
        Instant expiry = expiries.get(Objects.requireNonNull(jti, "jti"));
        return expiry != null && expiry.isAfter(clock.instant());
    }

    /** Adds a token this node revoked, so that it is refused here at once. */
    void add(String jti, Instant expiresAt) {
        expiries.put(jti, expiresAt);
    }

    /** Polls the store now (after a bulk revocation whose tokens this node does not know one by one). */
    synchronized void refreshNow() {
        Instant now = clock.instant();
        Instant since = lastPoll == null ? Instant.EPOCH : lastPoll.minus(POLL_OVERLAP);
        for (Revocation.RevokedToken t : issuances.revokedSince(since, now)) {
            expiries.put(t.jti(), t.expiresAt());
        }
        expiries.values().removeIf(expiry -> !expiry.isAfter(now));
        lastPoll = now;
    }

    private void refreshIfStale() {
        Instant last;
        synchronized (this) {
            last = lastPoll;
        }
        if (last == null || !clock.instant().isBefore(last.plus(refreshInterval))) {
            synchronized (this) {
                if (lastPoll == last) {
                    refreshNow();
                }
            }
        }
    }
}
