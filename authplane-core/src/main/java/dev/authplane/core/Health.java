package dev.authplane.core;

import java.util.Objects;

/**
 * Result of {@link AuthPlane#health()}.
 *
 * @param up     whether storage answered
 * @param detail a short operator-facing explanation, never a secret or SQL
 */
public record Health(boolean up, String detail) {

    public Health {
        Objects.requireNonNull(detail, "detail");
    }
}
