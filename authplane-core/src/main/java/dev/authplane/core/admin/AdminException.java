package dev.authplane.core.admin;

import java.util.Objects;

/**
 * An administrative operation was refused. The message is meant for an operator: it says what was
 * wrong and what is accepted, and never contains a secret, SQL or a stack trace (none is filled in).
 */
public final class AdminException extends RuntimeException {

    /** Why the operation was refused; transports map it to a status (400, 404, 409). */
    public enum Kind {
        /** The input breaks a rule (syntax, accepted values, disabled grant). */
        INVALID,
        /** The named client or resource does not exist. */
        NOT_FOUND,
        /** A uniqueness rule would be broken (name, slug or URI taken). */
        CONFLICT
    }

    private final Kind kind;

    public AdminException(Kind kind, String message) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    static AdminException invalid(String message) {
        return new AdminException(Kind.INVALID, message);
    }

    static AdminException notFound(String message) {
        return new AdminException(Kind.NOT_FOUND, message);
    }

    static AdminException conflict(String message) {
        return new AdminException(Kind.CONFLICT, message);
    }

    public Kind kind() {
        return kind;
    }
}
