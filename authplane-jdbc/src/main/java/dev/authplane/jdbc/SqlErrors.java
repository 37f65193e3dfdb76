package dev.authplane.jdbc;

import dev.authplane.core.storage.DuplicateKeyException;
import dev.authplane.core.storage.StorageException;
import dev.authplane.core.storage.StorageUnavailableException;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Translates driver exceptions into core's storage exceptions. Messages name the operation only:
 * never SQL, never values (the driver exception stays attached as the cause for server logs).
 */
final class SqlErrors {

    /** SQLState of a unique violation: PostgreSQL {@code unique_violation}, H2 {@code DUPLICATE_KEY_1}. */
    private static final Set<String> UNIQUE_VIOLATION = Set.of("23505", "23001");

    /** PostgreSQL: admin/crash shutdown, cannot connect now; H2: lock timeout, database closed. */
    private static final Set<String> UNAVAILABLE = Set.of("57P01", "57P02", "57P03", "57014", "HYT00", "90098");

    private SqlErrors() {
    }

    /** The core exception for {@code e}, with a message saying "could not {@code operation}". */
    static StorageException translate(SQLException e, String operation) {
        String message = "could not " + operation;
        if (isUniqueViolation(e)) {
            return new DuplicateKeyException(message + ": a unique key is already taken", e);
        }
        if (isUnavailable(e)) {
            return new StorageUnavailableException(message + ": the database is unavailable", e);
        }
        return new StorageException(message, e);
    }

    static boolean isUniqueViolation(SQLException e) {
        for (SQLException s : chain(e)) {
            String state = s.getSQLState();
            if (state != null && UNIQUE_VIOLATION.contains(state)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a unique-violation message names {@code constraint}. PostgreSQL quotes the constraint
     * name; H2 names an index that starts with it; both are matched case-insensitively.
     */
    static boolean violates(SQLException e, String constraint) {
        String needle = constraint.toLowerCase(Locale.ROOT);
        for (SQLException s : chain(e)) {
            String text = s.getMessage();
            if (text != null && text.toLowerCase(Locale.ROOT).contains(needle)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isUnavailable(SQLException e) {
        for (SQLException s : chain(e)) {
            String state = s.getSQLState();
            if (s instanceof SQLTransientConnectionException || s instanceof SQLTimeoutException
                    || (state != null && (state.startsWith("08") || UNAVAILABLE.contains(state)))) {
                return true;
            }
        }
        return false;
    }

    /** {@code e}, its next exceptions (batches) and its SQLException causes, without cycles. */
    private static Iterable<SQLException> chain(SQLException e) {
        List<SQLException> out = new ArrayList<>();
        ArrayDeque<Throwable> todo = new ArrayDeque<>();
        todo.add(e);
        while (!todo.isEmpty() && out.size() < 20) {
            Throwable t = todo.poll();
            if (t instanceof SQLException s && !out.contains(s)) {
                out.add(s);
                addIfPresent(todo, s.getNextException());
                addIfPresent(todo, s.getCause());
            }
        }
        return out;
    }

    private static void addIfPresent(ArrayDeque<Throwable> todo, Throwable t) {
        if (t != null) {
            todo.add(t);
        }
    }
}
