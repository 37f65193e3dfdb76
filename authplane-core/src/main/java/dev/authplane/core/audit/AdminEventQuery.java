package dev.authplane.core.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Filters for listing admin audit events; results are newest first ({@code at} descending, then
 * {@code id} descending).
 *
 * @param since inclusive lower bound on {@code at}
 * @param limit 1 to {@value IssuanceQuery#MAX_LIMIT}
 */
public record AdminEventQuery(Instant since, int limit) {

    public static final Duration DEFAULT_WINDOW = Duration.ofDays(7);

    public AdminEventQuery {
        Objects.requireNonNull(since, "since");
        if (limit < 1 || limit > IssuanceQuery.MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + IssuanceQuery.MAX_LIMIT);
        }
    }
}
