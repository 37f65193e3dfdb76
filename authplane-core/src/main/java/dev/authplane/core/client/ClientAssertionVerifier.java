package dev.authplane.core.client;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.authplane.core.config.AuthPlaneConfig;
import dev.authplane.core.config.ClientAuthSettings;
import dev.authplane.dpop.DPoPReplayStore;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Checks a client assertion (RFC 7523 §3, draft-ietf-oauth-rfc7523bis) for a registered
 * {@code private_key_jwt} client: header ({@code alg} on {@link AssertionAlgorithms#ALLOWED}, an
 * explicit {@code typ} only {@code JWT} or {@code client-authentication+jwt}, no {@code crit}),
 * signature by one of the client's registered keys (a {@code jwk}, {@code jku}, {@code x5u} or
 * {@code x5c} header is never used), {@code iss} = {@code sub} = the client, {@code aud} the issuer
 * (a string or a one-element array; also the token endpoint with
 * {@code client_auth.accept_token_endpoint_audience}), {@code exp} in the future and at most
 * {@code client_auth.max_assertion_lifetime} after {@code iat} (or now), {@code iat}/{@code nbf} not
 * in the future beyond the clock skew, and a {@code jti} never accepted before within the
 * assertion's lifetime (the replay store, shared by every node). Thread-safe.
 */
final class ClientAssertionVerifier {

    private static final Set<String> ACCEPTED_TYPES = Set.of("jwt", "client-authentication+jwt");
    private static final String REPLAY_PREFIX = "client-assertion:";

    private final Set<String> audiences;
    private final ClientAuthSettings settings;
    private final Duration skew;
    private final DPoPReplayStore replay;
    private final ClientKeyStore keys;
    private final Clock clock;

    ClientAssertionVerifier(AuthPlaneConfig config, DPoPReplayStore replay, ClientKeyStore keys, Clock clock) {
        this.settings = config.clientAuth();
        this.audiences = settings.acceptTokenEndpointAudience() ? Set.of(config.issuer(), config.tokenEndpoint())
                : Set.of(config.issuer());
        this.skew = config.security().clockSkew();
        this.replay = Objects.requireNonNull(replay, "replay");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The assertion as a signed JWT with its claims, or a failure naming why it is not one. */
    static Parsed parse(String assertion) {
        try {
            SignedJWT jwt = SignedJWT.parse(assertion);
            return new Parsed(jwt, jwt.getJWTClaimsSet(), null);
        } catch (ParseException | RuntimeException e) {
            return new Parsed(null, null, "the assertion is not a signed JWT with a JSON claims set");
        }
    }

    /** A parsed assertion ({@code problem == null}) or why parsing failed. */
    record Parsed(SignedJWT jwt, JWTClaimsSet claims, String problem) {
        /** The claimed client, or {@code null}. */
        String subject() {
            return claims == null ? null : claims.getSubject();
        }
    }

    /**
     * @return the {@code kid} of the registered key that verified the signature, or {@code null}
     *         when that key has none
     * @throws ClientAuthFailure naming the first rule the assertion breaks
     */
    String verify(Parsed assertion, Client client) {
        checkHeader(assertion.jwt().getHeader());
        String kid = verifySignature(assertion.jwt(), client);
        Instant expiry = checkClaims(assertion.claims(), client.clientId());
        if (!replay.markUsed(replayKey(client.clientId(), assertion.claims().getJWTID()), expiry.plus(skew))) {
            throw new ClientAuthFailure("replayed assertion: its jti was accepted before");
        }
        return kid;
    }

    private static void checkHeader(JWSHeader header) {
        if (!AssertionAlgorithms.isAllowed(header.getAlgorithm())) {
            throw new ClientAuthFailure("alg " + header.getAlgorithm() + " is not on the allowlist "
                    + AssertionAlgorithms.names());
        }
        JOSEObjectType type = header.getType();
        if (type != null && !ACCEPTED_TYPES.contains(mediaType(type.getType()))) {
            throw new ClientAuthFailure("typ " + type + " is not a client assertion's");
        }
        if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
            throw new ClientAuthFailure("crit names header parameters this server does not understand");
        }
    }

    /** A {@code typ} value compared as RFC 7515 §4.1.9 says: case-insensitive, {@code application/} optional. */
    private static String mediaType(String typ) {
        String lower = typ.toLowerCase(Locale.ROOT);
        return lower.startsWith("application/") ? lower.substring("application/".length()) : lower;
    }

    private String verifySignature(SignedJWT jwt, Client client) {
        String kid = jwt.getHeader().getKeyID();
        for (ClientKeyStore.VerifyingKey key : keys.candidates(client, kid, jwt.getHeader().getAlgorithm())) {
            try {
                if (jwt.verify(key.verifier())) {
                    return key.jwk().getKeyID();
                }
            } catch (JOSEException | IllegalStateException e) {
                // a malformed signature for this key: try the next one
            }
        }
        throw new ClientAuthFailure("the signature verifies with none of the client's registered keys");
    }

    /** @return the assertion's expiry */
    private Instant checkClaims(JWTClaimsSet claims, String clientId) {
        if (!clientId.equals(claims.getIssuer()) || !clientId.equals(claims.getSubject())) {
            throw new ClientAuthFailure("iss and sub must both be the client_id");
        }
        List<String> aud = claims.getAudience();
        if (aud.size() != 1 || !audiences.contains(aud.get(0))) {
            throw new ClientAuthFailure("aud must be the issuer identifier" + (audiences.size() > 1
                    ? " or the token endpoint" : "") + ", as a string or a one-element array");
        }
        Instant now = clock.instant();
        Instant exp = instant(claims.getExpirationTime());
        Instant iat = instant(claims.getIssueTime());
        Instant nbf = instant(claims.getNotBeforeTime());
        if (exp == null || !exp.plus(skew).isAfter(now)) {
            throw new ClientAuthFailure(exp == null ? "exp is required" : "the assertion has expired");
        }
        if ((iat != null && iat.isAfter(now.plus(skew))) || (nbf != null && nbf.isAfter(now.plus(skew)))) {
            throw new ClientAuthFailure("iat or nbf is in the future");
        }
        Instant from = iat != null ? iat : now;
        if (Duration.between(from, exp).compareTo(settings.maxAssertionLifetime()) > 0) {
            throw new ClientAuthFailure("exp is more than " + settings.maxAssertionLifetime().toSeconds()
                    + " s after " + (iat != null ? "iat" : "now"));
        }
        String jti = claims.getJWTID();
        if (jti == null || jti.isEmpty()) {
            throw new ClientAuthFailure("jti is required");
        }
        return exp;
    }

    /** A fixed-length store key: the client and a digest of its jti (a jti may be long). */
    private static String replayKey(String clientId, String jti) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest((clientId + '\n' + jti).getBytes(StandardCharsets.UTF_8));
            return REPLAY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
