package dev.authplane.core.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One administrative change in the admin audit trail. Carries no secret: secrets, keys and tokens
 * never appear in {@code detail}.
 *
 * @param id       unique event id
 * @param at       when the change was made
 * @param action   what was done
 * @param objectId the changed object: a resource slug, a {@code client_id}, a token's {@code jti}
 *                 or a signing key's {@code kid}
 * @param actor    who made it
 * @param detail   a short operator-readable note (e.g. {@code 3 tokens revoked}), or {@code null};
 *                 at most {@value #MAX_DETAIL_LENGTH} characters
 */
public record AdminEvent(String id, Instant at, AdminAction action, String objectId, AdminActor actor,
                         String detail) {

    public static final int MAX_DETAIL_LENGTH = 200;

    public AdminEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(objectId, "objectId");
        Objects.requireNonNull(actor, "actor");
        if (detail != null && detail.length() > MAX_DETAIL_LENGTH) {
            throw new IllegalArgumentException("an admin event detail has at most " + MAX_DETAIL_LENGTH + " characters");
        }
    }
}
