package dev.authplane.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connection handling shared by the adapters: one connection per operation, taken from the pool
 * and given back at once; vendor exceptions translated by {@link SqlErrors}. Timestamps are bound
 * as {@link OffsetDateTime} in UTC, at millisecond precision.
 *
 * <p><b>Durable writes on H2.</b> H2 with its default {@code WRITE_DELAY} keeps a commit in memory
 * until its background writer stores it (up to half a second later), and a process killed in
 * between loses it. Every write here ({@link #write}, {@link #transaction}) therefore ends, on H2,
 * with {@code CHECKPOINT SYNC}, which stores the commit in the database file and syncs the file
 * before the call returns.
 * The alternative, {@code WRITE_DELAY=0}, makes each commit synchronous too, but it also stops
 * H2's background housekeeping, and the file then grows by tens of kilobytes per commit, without
 * bound. Reads ({@link #read}, {@link #readTransaction}) never checkpoint. When the H2 user may
 * not run {@code CHECKPOINT} (it needs admin rights), writes fall back to H2's own
 * {@code WRITE_DELAY} and a warning says so once.
 *
 * <p><b>Shared transactions.</b> {@link #sharedTransaction} opens a transaction that every other
 * operation on the same {@link DataSource} joins while it runs on the same thread, whichever
 * adapter makes it: the admin audit trail uses it to make a change and its event durable together.
 * A joined operation neither commits nor checkpoints; the shared transaction does both once.
 */
final class Jdbc {

    /** Database work on a connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(Jdbc.class);

    /** H2's error code for an operation that needs admin rights. */
    private static final int H2_ADMIN_RIGHTS_REQUIRED = 90040;

    /** The connection of the shared transaction running on this thread, if any. */
    private static final ThreadLocal<Shared> SHARED = new ThreadLocal<>();

    private record Shared(DataSource dataSource, Connection connection) {
    }

    private final DataSource dataSource;

    /** Whether writes end with {@code CHECKPOINT}; decided at the first write. */
    private volatile Boolean checkpointAfterWrite;

    Jdbc(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Runs read-only {@code work} in auto-commit mode. */
    <T> T read(String operation, Work<T> work) {
        return run(operation, false, work);
    }

    /** Runs {@code work} in auto-commit mode (each statement commits on its own); durable on return. */
    <T> T write(String operation, Work<T> work) {
        return run(operation, true, work);
    }

    /**
     * Runs read-only {@code work} in one transaction (a consistent view across its statements); the
     * connection goes back to its pool in auto-commit mode.
     */
    <T> T readTransaction(String operation, Work<T> work) {
        return inTransaction(operation, false, work);
    }

    /**
     * Runs {@code work} in one transaction, committed (and durable) before this method returns;
     * rolled back when {@code work} throws (a {@link RuntimeException} from the work passes through
     * unchanged). The connection goes back to its pool in auto-commit mode.
     */
    <T> T transaction(String operation, Work<T> work) {
        return inTransaction(operation, true, work);
    }

    /**
     * Runs {@code work} in one transaction, like {@link #transaction}, that every operation on this
     * data source joins while {@code work} runs on this thread (see the class comment). Nested calls
     * join the outer one.
     */
    <T> T sharedTransaction(String operation, Work<T> work) {
        if (shared() != null) {
            return joined(operation, work);
        }
        return transaction(operation, c -> {
            SHARED.set(new Shared(dataSource, c));
            try {
                return work.run(c);
            } finally {
                SHARED.remove();
            }
        });
    }

    private Connection shared() {
        Shared current = SHARED.get();
        return current != null && current.dataSource() == dataSource ? current.connection() : null;
    }

    private <T> T joined(String operation, Work<T> work) {
        try {
            return work.run(shared());
        } catch (SQLException e) {
            throw SqlErrors.translate(e, operation);
        }
    }

    private <T> T run(String operation, boolean writes, Work<T> work) {
        if (shared() != null) {
            return joined(operation, work);
        }
        try (Connection c = dataSource.getConnection()) {
            if (!c.getAutoCommit()) {
                c.setAutoCommit(true);
            }
            T result = work.run(c);
            if (writes) {
                makeDurable(c);
            }
            return result;
        } catch (SQLException e) {
            throw SqlErrors.translate(e, operation);
        }
    }

    private <T> T inTransaction(String operation, boolean writes, Work<T> work) {
        if (shared() != null) {
            return joined(operation, work);
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            T result;
            try {
                result = work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            } finally {
                restoreAutoCommit(c);
            }
            if (writes) {
                makeDurable(c);
            }
            return result;
        } catch (SQLException e) {
            throw SqlErrors.translate(e, operation);
        }
    }

    /** On H2, stores the commit just made in the database file (see the class comment). */
    private void makeDurable(Connection c) throws SQLException {
        Boolean checkpoint = checkpointAfterWrite;
        if (checkpoint == null) {
            checkpoint = "H2".equals(c.getMetaData().getDatabaseProductName());
            checkpointAfterWrite = checkpoint;
        }
        if (!checkpoint) {
            return;
        }
        try (Statement st = c.createStatement()) {
            st.execute("CHECKPOINT SYNC");
        } catch (SQLException e) {
            if (e.getErrorCode() != H2_ADMIN_RIGHTS_REQUIRED) {
                throw e;
            }
            checkpointAfterWrite = false;
            LOG.warn("The H2 user may not run CHECKPOINT (admin rights required): commits are written by H2's "
                    + "background writer (WRITE_DELAY) and may be lost if the process is killed");
        }
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }

    /** A broken connection cannot be restored; the pool discards it, so the failure is moot. */
    private static void restoreAutoCommit(Connection c) {
        try {
            c.setAutoCommit(true);
        } catch (SQLException ignored) {
            // the pool validates and drops broken connections
        }
    }

    static void setInstant(PreparedStatement ps, int index, Instant instant) throws SQLException {
        ps.setObject(index, instant == null ? null
                : OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC));
    }

    static Instant getInstant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
