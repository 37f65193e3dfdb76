package dev.authplane.mcp.verifier;

import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Set;

/**
 * RFC 9068 §4 claim rules on top of nimbus's {@link DefaultJWTClaimsVerifier}: {@code iss} equal
 * to the configured issuer, {@code aud} equal to (or, as an array, containing) the resource URI —
 * both compared as exact strings, so a trailing slash is a different value — the RFC 9068 claims
 * required, {@code exp} in the future and {@code nbf} / {@code iat} not in the future, each within
 * the clock skew. Time comes from the injected clock.
 */
final class AccessTokenClaimsVerifier extends DefaultJWTClaimsVerifier<SecurityContext> {

    /** RFC 9068 §2.2 plus {@code jti}, which RFC 9068 §2 always issues. */
    static final Set<String> REQUIRED_CLAIMS = Set.of("iss", "exp", "aud", "sub", "client_id", "iat", "jti");

    private final Clock clock;
    private final long skewMillis;

    AccessTokenClaimsVerifier(String issuer, String resource, Duration clockSkew, Clock clock) {
        super(Set.of(resource), new JWTClaimsSet.Builder().issuer(issuer).build(), REQUIRED_CLAIMS, null);
        setMaxClockSkew((int) clockSkew.toSeconds());
        this.clock = clock;
        this.skewMillis = clockSkew.toMillis();
    }

    @Override
    protected Date currentTime() {
        return new Date(clock.millis());
    }

    @Override
    public void verify(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
        super.verify(claims, context);
        Date iat = claims.getIssueTime();
        if (iat.getTime() > clock.millis() + skewMillis) {
            throw new BadJWTException("JWT issued in the future");
        }
        for (String name : new String[] {"sub", "client_id", "jti"}) {
            if (!(claims.getClaim(name) instanceof String value) || value.isEmpty()) {
                throw new BadJWTException("JWT claim " + name + " is not a non-empty string");
            }
        }
        Object scope = claims.getClaim("scope");
        if (scope != null && !(scope instanceof String)) {
            throw new BadJWTException("JWT claim scope is not a string");
        }
    }
}
