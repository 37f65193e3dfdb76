package dev.authplane.core.lifecycle;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.authplane.core.client.Client;
import dev.authplane.core.client.ClientRepository;
import dev.authplane.core.error.OAuthError;
import dev.authplane.core.error.OAuthException;
import dev.authplane.core.key.KeyManager;
import dev.authplane.core.resource.Resource;
import dev.authplane.core.resource.ResourceRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.Provider;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Token introspection (RFC 7662) for a registered client allowed to introspect
 * ({@link Client#mayIntrospect()}), about tokens whose audience is one of its resources. A token is
 * active only when it is ours and still good: signed by a key this server publishes (a revoked key
 * is gone, so its tokens are not), {@code typ: at+jwt}, our {@code iss}, {@code exp} not passed (no
 * leeway), {@code iat} not in the future, not revoked ({@link RevokedTokens}), its client still
 * registered and active, its resource still registered. Every other token, whatever the reason,
 * is {@code {"active": false}}; the reason is logged at debug level. Thread-safe.
 */
public final class TokenIntrospector {

    private static final Logger LOG = LoggerFactory.getLogger(TokenIntrospector.class);
    private static final int MAX_TOKEN_LENGTH = 16_384;

    private final String issuer;
    private final KeyManager keys;
    private final ClientRepository clients;
    private final ResourceRepository resources;
    private final RevokedTokens revoked;
    private final Clock clock;
    private final DefaultJWSVerifierFactory verifiers = new DefaultJWSVerifierFactory();

    /** @param cryptoProvider verifies token signatures; {@code null} for the JDK's providers */
    public TokenIntrospector(String issuer, KeyManager keys, ClientRepository clients, ResourceRepository resources,
                             RevokedTokens revoked, Clock clock, Provider cryptoProvider) {
        verifiers.getJCAContext().setProvider(cryptoProvider);
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.resources = Objects.requireNonNull(resources, "resources");
        this.revoked = Objects.requireNonNull(revoked, "revoked");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Introspects {@code token} for the authenticated {@code caller}.
     *
     * @throws OAuthException {@code invalid_client} when the caller may not introspect
     */
    public Introspection introspect(Client caller, String token) {
        Objects.requireNonNull(caller, "caller");
        if (!caller.mayIntrospect()) {
            throw new OAuthException(OAuthError.INVALID_CLIENT, "this client may not introspect tokens");
        }
        Optional<String> refusal = token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH
                ? Optional.of("no token of a plausible size") : Optional.empty();
        Map<String, Object> claims = null;
        if (refusal.isEmpty()) {
            try {
                SignedJWT jwt = SignedJWT.parse(token);
                refusal = problem(caller, jwt);
                if (refusal.isEmpty()) {
                    claims = claims(jwt.getJWTClaimsSet());
                }
            } catch (ParseException | JOSEException | RuntimeException e) {
                refusal = Optional.of("not a readable signed JWT");
            }
        }
        if (refusal.isPresent()) {
            LOG.debug("Introspection by client_id {}: inactive ({})", caller.clientId(), refusal.get());
            return Introspection.inactive();
        }
        return new Introspection(true, claims);
    }

    /** Why the token is not active for this caller, or empty when it is. */
    private Optional<String> problem(Client caller, SignedJWT jwt) throws ParseException, JOSEException {
        if (!"at+jwt".equalsIgnoreCase(String.valueOf(jwt.getHeader().getType()))) {
            return Optional.of("typ is not at+jwt");
        }
        JWK key = jwt.getHeader().getKeyID() == null ? null : keys.publicJwkSet().getKeyByKeyId(jwt.getHeader().getKeyID());
        if (!(key instanceof AsymmetricJWK asymmetric) || !jwt.getHeader().getAlgorithm().equals(key.getAlgorithm())) {
            return Optional.of("not signed by a key this server publishes");
        }
        JWSVerifier verifier = verifiers.createJWSVerifier(jwt.getHeader(), asymmetric.toPublicKey());
        if (!jwt.verify(verifier)) {
            return Optional.of("bad signature");
        }
        JWTClaimsSet c = jwt.getJWTClaimsSet();
        Instant now = clock.instant();
        if (!issuer.equals(c.getIssuer())) {
            return Optional.of("another issuer");
        }
        if (c.getExpirationTime() == null || !c.getExpirationTime().toInstant().isAfter(now)) {
            return Optional.of("expired");
        }
        if (c.getIssueTime() == null || c.getIssueTime().toInstant().isAfter(now.plusSeconds(1))) {
            return Optional.of("issued in the future");
        }
        List<String> audience = c.getAudience();
        if (audience.size() != 1 || !callerResources(caller).contains(audience.get(0))) {
            return Optional.of("the audience is not one of the caller's resources");
        }
        if (c.getJWTID() == null || revoked.isRevoked(c.getJWTID())) {
            return Optional.of("revoked");
        }
        String clientId = c.getStringClaim("client_id");
        if (clientId == null || clients.findByClientId(clientId).filter(Client::isActive).isEmpty()) {
            return Optional.of("its client is disabled or deleted");
        }
        if (resources.findByUri(audience.get(0)).isEmpty()) {
            return Optional.of("its resource is deleted");
        }
        return Optional.empty();
    }

    private List<String> callerResources(Client caller) {
        return caller.resources().stream().map(resources::findBySlug).flatMap(Optional::stream)
                .map(Resource::uri).toList();
    }

    private static Map<String, Object> claims(JWTClaimsSet c) throws ParseException {
        Map<String, Object> out = new LinkedHashMap<>();
        if (c.getStringClaim("scope") != null) {
            out.put("scope", c.getStringClaim("scope"));
        }
        out.put("client_id", c.getStringClaim("client_id"));
        out.put("sub", c.getSubject());
        out.put("aud", c.getAudience().get(0));
        out.put("iss", c.getIssuer());
        out.put("exp", c.getExpirationTime().toInstant().getEpochSecond());
        out.put("iat", c.getIssueTime().toInstant().getEpochSecond());
        if (c.getNotBeforeTime() != null) {
            out.put("nbf", c.getNotBeforeTime().toInstant().getEpochSecond());
        }
        out.put("jti", c.getJWTID());
        Map<String, Object> cnf = c.getJSONObjectClaim("cnf");
        out.put("token_type", cnf != null && cnf.containsKey("jkt") ? "DPoP" : "Bearer");
        if (cnf != null) {
            out.put("cnf", cnf);
        }
        return out;
    }
}
