package dev.authplane.core.lifecycle;

import com.nimbusds.jwt.JWTParser;
import dev.authplane.core.audit.Issuance;
import dev.authplane.core.audit.IssuanceRepository;
import dev.authplane.core.audit.Revocation;
import dev.authplane.core.client.Client;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Revokes access tokens: a client its own (RFC 7009), an administrator any one token, every
 * unexpired token of a client or of a resource. The revocation is recorded on the issuance row
 * (shared by every node) and added to this node's {@link RevokedTokens} at once. Thread-safe.
 */
public final class TokenRevocation {

    /** Reason recorded when a client revokes its own token. */
    public static final String BY_CLIENT = "revoked by the client";

    private static final Logger LOG = LoggerFactory.getLogger(TokenRevocation.class);

    private final IssuanceRepository issuances;
    private final RevokedTokens revoked;
    private final Clock clock;

    public TokenRevocation(IssuanceRepository issuances, RevokedTokens revoked, Clock clock) {
        this.issuances = Objects.requireNonNull(issuances, "issuances");
        this.revoked = Objects.requireNonNull(revoked, "revoked");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * RFC 7009 §2: {@code caller} revokes {@code token}. Only a token issued to the caller and not
     * yet expired is revoked; for any other (unknown, malformed, expired, another client's) nothing
     * happens and nothing tells the caller which it was (§2.2: the answer is the same).
     */
    public void revokeOwn(Client caller, String token) {
        Objects.requireNonNull(caller, "caller");
        Optional<Issuance> row = jtiOf(token).flatMap(issuances::findByJti);
        Instant now = clock.instant();
        if (row.isEmpty() || !row.get().clientId().equals(caller.clientId()) || !row.get().expiresAt().isAfter(now)) {
            LOG.debug("Revocation by client_id {}: no unexpired token of its own, nothing revoked", caller.clientId());
            return;
        }
        record(row.get(), new Revocation(now, BY_CLIENT));
    }

    /**
     * Revokes the token {@code jti} (an administrator's revocation).
     *
     * @return the row as revoked, or empty when no token {@code jti} was issued
     */
    public Optional<Issuance> revoke(String jti, String reason) {
        Optional<Issuance> row = issuances.findByJti(Objects.requireNonNull(jti, "jti"));
        row.ifPresent(r -> record(r, new Revocation(clock.instant(), reason)));
        return row.flatMap(r -> issuances.findByJti(jti));
    }

    /** Revokes every unexpired token of client {@code clientId}. @return how many were revoked now */
    public int revokeClientTokens(String clientId, String reason) {
        return revokeAll("of client_id " + clientId, reason,
                (now, revocation) -> issuances.revokeClientTokens(clientId, now, revocation));
    }

    /** Revokes every unexpired token whose audience is {@code resourceUri}. @return how many were revoked now */
    public int revokeResourceTokens(String resourceUri, String reason) {
        return revokeAll("for " + resourceUri, reason,
                (now, revocation) -> issuances.revokeResourceTokens(resourceUri, now, revocation));
    }

    /** One bulk revocation in the store, then this node's set polled so that it holds those tokens at once. */
    private int revokeAll(String whose, String reason, java.util.function.BiFunction<Instant, Revocation, Integer> bulk) {
        Instant now = clock.instant();
        int count = bulk.apply(now, new Revocation(now, reason));
        revoked.refreshNow();
        LOG.info("Revoked {} unexpired token(s) {}: {}", count, whose, reason);
        return count;
    }

    private void record(Issuance row, Revocation revocation) {
        if (issuances.revoke(row.jti(), revocation)) {
            LOG.info("Revoked token jti {} of client_id {}: {}", row.jti(), row.clientId(), revocation.reason());
        }
        revoked.add(row.jti(), row.expiresAt());
    }

    /** The {@code jti} of a JWT, read without verifying it (the issuance row decides); empty when there is none. */
    static Optional<String> jtiOf(String token) {
        if (token == null || token.isEmpty() || token.length() > 16_384) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(JWTParser.parse(token).getJWTClaimsSet().getJWTID());
        } catch (ParseException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
