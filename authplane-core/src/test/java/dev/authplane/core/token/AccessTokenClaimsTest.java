package dev.authplane.core.token;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.authplane.core.AuthPlane;
import dev.authplane.core.client.AuthenticatedClient;
import dev.authplane.core.client.ClientAuthMethod;
import dev.authplane.core.TestAuthPlanes;
import dev.authplane.core.admin.CreatedClient;
import dev.authplane.core.client.TestClients;
import dev.authplane.core.config.AuthPlaneConfig;
import dev.authplane.core.error.OAuthError;
import dev.authplane.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.authplane.core.TestAuthPlanes.RESOURCE_URI;
import static dev.authplane.core.TestAuthPlanes.request;
import static dev.authplane.core.token.TokenServiceTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RFC 9068 §2: the RFC 9068 access token's header and claims. */
class AccessTokenClaimsTest {

    private final MutableClock clock = new MutableClock();

    @Test
    void headerIsEs256AtJwtWithTheActiveKid() throws Exception {
        AuthPlane plane = plane(TestAuthPlanes.config());
        SignedJWT jwt = SignedJWT.parse(plane.tokens().issue(request(client(plane), null)).accessToken());

        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(jwt.getHeader().getType()).isEqualTo(new JOSEObjectType("at+jwt"));
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(plane.keys().list().get(0).kid());
    }

    @Test
    void rs256IsSelectable() throws Exception {
        AuthPlane plane = plane(TestAuthPlanes.config("signing.algorithm", "RS256"));

        assertThat(SignedJWT.parse(plane.tokens().issue(request(client(plane), null)).accessToken())
                .getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
    }

    @Test
    void subEqualsClientIdAndAudIsTheResourceUriAsOneStringAndScopeIsSorted() throws Exception {
        AuthPlane plane = plane(TestAuthPlanes.config());
        CreatedClient c = client(plane);
        String token = plane.tokens().issue(request(c, "tools/query tools/call")).accessToken();
        Map<String, Object> payload = JSONObjectUtils.parse(new Base64URL(token.split("\\.")[1]).decodeToString());

        assertThat(payload).containsEntry("sub", c.client().clientId()).containsEntry("client_id", c.client().clientId())
                .containsEntry("aud", RESOURCE_URI).containsEntry("scope", "tools/call tools/query")
                .containsEntry("iss", TestAuthPlanes.ISSUER).doesNotContainKey("cnf");
    }

    @Test
    void scopeClaimIsOmittedOnlyWhenNoScopeIsGranted() throws Exception {
        AuthPlane scopeless = TestAuthPlanes.builder(TestAuthPlanes.config(), clock)
                .scopeResolver((client, resource, requested) -> List.of()).build();
        TestAuthPlanes.registerResource(scopeless);
        AuthPlane plain = plane(TestAuthPlanes.config());

        IssuedToken none = scopeless.tokens().issue(request(client(scopeless), null));
        IssuedToken one = plain.tokens().issue(request(client(plain), "tools/query"));

        assertThat(none.scope()).isEmpty();
        assertThat(SignedJWT.parse(none.accessToken()).getJWTClaimsSet().getClaims()).doesNotContainKey("scope");
        assertThat(SignedJWT.parse(one.accessToken()).getJWTClaimsSet().getClaims()).containsEntry("scope", "tools/query");
    }

    @Test
    void nbfEqualsIatAndExpFollowsTheConfiguredExpiry() throws Exception {
        AuthPlane plane = plane(TestAuthPlanes.config("client_credentials.token_expiry", "15m"));
        IssuedToken token = plane.tokens().issue(request(client(plane), null));
        JWTClaimsSet claims = SignedJWT.parse(token.accessToken()).getJWTClaimsSet();

        assertThat(claims.getIssueTime().toInstant()).isEqualTo(clock.instant());
        assertThat(claims.getNotBeforeTime()).isEqualTo(claims.getIssueTime());
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(clock.instant().plus(Duration.ofMinutes(15)));
        assertThat(token.expiresIn()).isEqualTo(900);
    }

    @Test
    void jtiIsUniqueAndCarriesAtLeast128Bits() throws Exception {
        AuthPlane plane = plane(TestAuthPlanes.config());
        CreatedClient c = client(plane);
        String jti1 = SignedJWT.parse(plane.tokens().issue(request(c, null)).accessToken()).getJWTClaimsSet().getJWTID();
        String jti2 = SignedJWT.parse(plane.tokens().issue(request(c, null)).accessToken()).getJWTClaimsSet().getJWTID();

        assertThat(jti1).isNotEqualTo(jti2).matches("[A-Za-z0-9_-]{22,}");
    }

    @Test
    void customizerAddsClaimsButCannotTouchServerClaims() throws Exception {
        AuthPlane plane = customized(ctx -> ctx.claim("tenant", "acme").claim("client_name", ctx.client().name()));
        String token = plane.tokens().issue(request(client(plane), null)).accessToken();

        assertThat(SignedJWT.parse(token).getJWTClaimsSet().getClaims())
                .containsEntry("tenant", "acme").containsEntry("client_name", "worker");
        TokenContext ctx = new TokenContext(new MintRequest(new AuthenticatedClient(TestClients.client().build(),
                ClientAuthMethod.CLIENT_SECRET_BASIC, null), null,
                TestAuthPlanes.ISSUER, List.of(), "client_credentials", null, null), "j", clock.instant(), clock.instant());
        for (String reserved : List.of("iss", "sub", "aud", "exp", "nbf", "iat", "jti", "cnf", "scope", "client_id")) {
            assertThatThrownBy(() -> ctx.claim(reserved, "x")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void customizerFailureMeansNoTokenAndServerError() {
        AuthPlane plane = customized(ctx -> ctx.claim("sub", "someone-else"));
        CreatedClient c = client(plane);

        assertError(() -> plane.tokens().issue(request(c, null)), OAuthError.SERVER_ERROR);
        assertThat(plane.admin().listIssuances(dev.authplane.core.audit.IssuanceQuery.lastDay(clock.instant()))).isEmpty();
    }

    private AuthPlane plane(AuthPlaneConfig config) {
        AuthPlane plane = TestAuthPlanes.builder(config, clock).build();
        TestAuthPlanes.registerResource(plane);
        return plane;
    }

    private AuthPlane customized(TokenCustomizer customizer) {
        AuthPlane plane = TestAuthPlanes.builder(TestAuthPlanes.config(), clock).tokenCustomizer(customizer).build();
        TestAuthPlanes.registerResource(plane);
        return plane;
    }

    private static CreatedClient client(AuthPlane plane) {
        return TestAuthPlanes.registerClient(plane, "worker", "tools/query", "tools/call");
    }
}
