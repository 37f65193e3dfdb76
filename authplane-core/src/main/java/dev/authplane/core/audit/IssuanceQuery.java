package dev.authplane.core.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Filters for listing issuances (the issuance audit (README walk-through, step 6)). Results are newest first ({@code issued_at}
 * descending, then {@code jti} descending for a stable order).
 *
 * @param client   matches {@code client_id} exactly (never the client name: a reused name must not
 *                 merge two clients' histories; the admin service resolves a name to its id);
 *                 {@code null} for any client
 * @param resource matches resource id or resource URI exactly; {@code null} for any resource
 * @param since    inclusive lower bound on {@code issued_at}; never null
 * @param until    exclusive upper bound on {@code issued_at}, or {@code null} for none
 * @param limit    1 to {@value #MAX_LIMIT}
 * @param revoked  only revoked tokens when {@code true}; every token when {@code false}
 */
public record IssuanceQuery(String client, String resource, Instant since, Instant until, int limit,
                            boolean revoked) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 5000;
    public static final Duration DEFAULT_WINDOW = Duration.ofHours(24);

    public IssuanceQuery {
        Objects.requireNonNull(since, "since");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
        if (until != null && !until.isAfter(since)) {
            throw new IllegalArgumentException("until must be after since");
        }
    }

    /** A listing of revoked and unrevoked tokens alike. */
    public IssuanceQuery(String client, String resource, Instant since, Instant until, int limit) {
        this(client, resource, since, until, limit, false);
    }

    /** The default listing: any client, any resource, the last 24 hours, 20 rows. */
    public static IssuanceQuery lastDay(Instant now) {
        return new IssuanceQuery(null, null, now.minus(DEFAULT_WINDOW), null, DEFAULT_LIMIT);
    }
}
