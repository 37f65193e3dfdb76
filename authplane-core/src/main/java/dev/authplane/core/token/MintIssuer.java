package dev.authplane.core.token;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.authplane.core.audit.Issuance;
import dev.authplane.core.audit.IssuanceRepository;
import dev.authplane.core.config.AuthPlaneConfig;
import dev.authplane.core.key.ActiveKey;
import dev.authplane.core.key.KeyManager;
import dev.authplane.core.observe.AuthPlaneObserver;
import dev.authplane.core.support.IdGenerator;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;
import java.util.Objects;

/**
 * Mints RFC 9068 JWT access tokens (RFC 9068 §2) and writes their issuance rows (the issuance audit (README walk-through, step 6)).
 *
 * <p>Header: {@code alg} of the active key ({@code ES256} or {@code RS256}), {@code typ=at+jwt},
 * {@code kid}. Claims: {@code iss}, {@code sub} and {@code client_id} (the client's id),
 * {@code aud} (one string), {@code scope} (sorted, omitted when empty), {@code iat}, {@code nbf}
 * (= {@code iat}), {@code exp} ({@code iat} + the client's own lifetime or
 * {@code client_credentials.token_expiry}, at most {@code max_token_expiry}, whole seconds), {@code jti} (from {@link IdGenerator#newTokenId()}), and {@code cnf.jkt} when DPoP-bound.
 * A {@link TokenCustomizer} may add further claims first; the server's claims always win.
 *
 * <p>The issuance row is recorded through {@link IssuanceRepository#record(Issuance)} after
 * signing and before the token is returned: if recording fails, the token is discarded and the
 * caller gets {@code temporarily_unavailable} (store unreachable) or {@code server_error}. Wired by
 * {@link dev.authplane.core.AuthPlane}, that store is a
 * {@link dev.authplane.core.audit.GroupCommitIssuanceRepository}, so concurrent mints share commits.
 *
 * <p>Per token the work is: one claims-set serialisation, one signature with the active key's
 * signer (built once per key by {@link KeyManager}), and the row. The JWS header is serialised once
 * per key. Thread-safe.
 */
final class MintIssuer {

    /** The RFC 9068 {@code typ} header value. */
    public static final JOSEObjectType ACCESS_TOKEN_TYPE = new JOSEObjectType("at+jwt");

    private final String issuer;
    private final Duration tokenExpiry;
    private final Duration maxTokenExpiry;
    private final KeyManager keys;
    private final IssuanceRepository issuances;
    private final Clock clock;
    private final IdGenerator ids;
    private final TokenCustomizer customizer;
    private final AuthPlaneObserver observer;
    private volatile CachedHeader header;

    /**
     * @param customizer adds claims to every token; {@link TokenCustomizer#NONE} for none
     */
    MintIssuer(AuthPlaneConfig config, KeyManager keys, IssuanceRepository issuances, Clock clock,
               IdGenerator ids, TokenCustomizer customizer, AuthPlaneObserver observer) {
        this.issuer = config.issuer();
        this.tokenExpiry = config.clientCredentials().tokenExpiry();
        this.maxTokenExpiry = config.clientCredentials().maxTokenExpiry();
        this.keys = Objects.requireNonNull(keys, "keys");
        this.issuances = Objects.requireNonNull(issuances, "issuances");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.customizer = Objects.requireNonNull(customizer, "customizer");
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    /**
     * Signs a token for {@code request} and records its issuance row.
     *
     * @return the token response; only returned once the row is durable
     * @throws RuntimeException when signing or the issuance row fails (the {@link TokenService} maps it
     *                          to {@code temporarily_unavailable} or {@code server_error}); no token exists then
     */
    IssuedToken mint(MintRequest request) {
        Objects.requireNonNull(request, "request");
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = issuedAt.plus(lifetime(request)).truncatedTo(ChronoUnit.SECONDS);
        TokenContext context = new TokenContext(request, ids.newTokenId(), issuedAt, expiresAt);
        customizer.customize(context);
        String scope = String.join(" ", request.scopes());
        String token = sign(context, scope);
        record(issuance(context, request));
        return new IssuedToken(token, request.tokenType(), Duration.between(issuedAt, expiresAt).toSeconds(), scope);
    }

    /** Writes the row, telling the observer how long the request waited for it. */
    private void record(Issuance row) {
        long started = System.nanoTime();
        boolean written = false;
        try {
            issuances.record(row);
            written = true;
        } finally {
            observer.issuanceWritten(System.nanoTime() - started, written);
        }
    }

    /**
     * The client's own lifetime, or the server default; never above the longest one configured
     * now (a lifetime stored under a higher limit is cut to it).
     */
    private Duration lifetime(MintRequest request) {
        Duration own = request.client().tokenLifetime().orElse(tokenExpiry);
        return own.compareTo(maxTokenExpiry) > 0 ? maxTokenExpiry : own;
    }

    private String sign(TokenContext context, String scope) {
        ActiveKey key = keys.activeKey();
        return key.sign(header(key), claims(context, scope));
    }

    /**
     * The JWS header for {@code key}, built and serialised once per key: a header parsed from its
     * own encoding hands that encoding back instead of re-serialising its JSON for every token.
     */
    private JWSHeader header(ActiveKey key) {
        CachedHeader cached = header;
        if (cached != null && cached.kid().equals(key.kid()) && cached.header().getAlgorithm().equals(key.algorithm())) {
            return cached.header();
        }
        JWSHeader built = new JWSHeader.Builder(key.algorithm()).type(ACCESS_TOKEN_TYPE).keyID(key.kid()).build();
        try {
            JWSHeader parsed = JWSHeader.parse(built.toBase64URL());
            header = new CachedHeader(key.kid(), parsed);
            return parsed;
        } catch (ParseException e) {
            throw new IllegalStateException("a JWS header built here could not be parsed back", e);
        }
    }

    private JWTClaimsSet claims(TokenContext context, String scope) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder();
        context.claims().forEach(claims::claim);
        String clientId = context.client().clientId();
        claims.issuer(issuer).subject(clientId).claim("client_id", clientId).audience(context.audience())
                .issueTime(Date.from(context.issuedAt())).notBeforeTime(Date.from(context.issuedAt()))
                .expirationTime(Date.from(context.expiresAt())).jwtID(context.jti());
        if (!scope.isEmpty()) {
            claims.claim("scope", scope);
        }
        context.dpopJkt().ifPresent(jkt -> claims.claim("cnf", Map.of("jkt", jkt)));
        return claims.build();
    }

    private static Issuance issuance(TokenContext context, MintRequest request) {
        String clientId = request.client().clientId();
        return Issuance.builder().jti(context.jti()).client(clientId, request.client().name()).subject(clientId)
                .resource(request.resource() == null ? null : request.resource().id(), request.audience())
                .scopes(request.scopes()).grantType(request.grantType()).tokenType(request.tokenType(), request.dpopJkt())
                .lifetime(context.issuedAt(), context.expiresAt())
                .authentication(request.caller().method().value(), request.caller().keyId())
                .traceId(request.traceId()).build();
    }

    private record CachedHeader(String kid, JWSHeader header) {
    }
}
