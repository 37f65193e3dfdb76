package dev.authplane.jdbc;

import dev.authplane.core.storage.DuplicateKeyException;
import dev.authplane.dpop.DPoPReplayStore;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * {@link DPoPReplayStore} on table {@code authplane_dpop_jti}, for several server nodes sharing one
 * database: {@link #markUsed} is a single insert and the table's primary key decides which of two
 * concurrent callers wins, on whichever node they run. Every {@value #DEFAULT_SWEEP_INTERVAL}
 * insertions (per instance) expired rows are swept, so the table stays about as large as the
 * replay window; {@link #purgeExpired} does the same on demand. Thread-safe.
 */
public final class JdbcDPoPReplayStore implements DPoPReplayStore {

    /** Insertions between two automatic sweeps of expired rows, by default. */
    public static final int DEFAULT_SWEEP_INTERVAL = 1000;

    static final String INSERT = "INSERT INTO authplane_dpop_jti (jti_key, expires_at) VALUES (?, ?)";
    static final String PURGE = "DELETE FROM authplane_dpop_jti WHERE expires_at < ?";

    private final Jdbc jdbc;
    private final Clock clock;
    private final int sweepInterval;
    private final AtomicInteger insertsSinceSweep = new AtomicInteger();

    /** A store on the system UTC clock that sweeps every {@value #DEFAULT_SWEEP_INTERVAL} insertions. */
    public JdbcDPoPReplayStore(DataSource dataSource) {
        this(dataSource, Clock.systemUTC(), DEFAULT_SWEEP_INTERVAL);
    }

    /**
     * @param dataSource    a data source whose schema {@link AuthPlaneSchema} has migrated
     * @param clock         the time source of the automatic sweep
     * @param sweepInterval insertions between two automatic sweeps; at least 1
     */
    public JdbcDPoPReplayStore(DataSource dataSource, Clock clock, int sweepInterval) {
        this.jdbc = new Jdbc(dataSource);
        this.clock = Objects.requireNonNull(clock, "clock");
        if (sweepInterval < 1) {
            throw new IllegalArgumentException("sweepInterval must be at least 1");
        }
        this.sweepInterval = sweepInterval;
    }

    @Override
    public boolean markUsed(String key, Instant expiresAt) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(expiresAt, "expiresAt");
        DPoPReplayStore.requireValidKey(key);
        if (insertsSinceSweep.incrementAndGet() >= sweepInterval) {
            insertsSinceSweep.set(0);
            purgeExpired(clock.instant());
        }
        try {
            return jdbc.write("record DPoP proof", c -> {
                try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                    ps.setString(1, key);
                    Jdbc.setInstant(ps, 2, expiresAt);
                    return ps.executeUpdate() == 1;
                }
            });
        } catch (DuplicateKeyException replay) {
            return false;
        }
    }

    @Override
    public int purgeExpired(Instant now) {
        Objects.requireNonNull(now, "now");
        return jdbc.write("purge DPoP proofs", c -> {
            try (PreparedStatement ps = c.prepareStatement(PURGE)) {
                Jdbc.setInstant(ps, 1, now);
                return ps.executeUpdate();
            }
        });
    }
}
