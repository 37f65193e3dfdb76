package dev.authplane.core.lifecycle;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import dev.authplane.core.AuthPlane;
import dev.authplane.core.TestAuthPlanes;
import dev.authplane.core.admin.CreatedClient;
import dev.authplane.core.admin.NewResource;
import dev.authplane.core.audit.InMemoryIssuanceRepository;
import dev.authplane.core.audit.IssuanceQuery;
import dev.authplane.core.client.Client;
import dev.authplane.core.client.InMemoryClientRepository;
import dev.authplane.core.config.TokenLifecycleSettings;
import dev.authplane.core.error.OAuthError;
import dev.authplane.core.error.OAuthException;
import dev.authplane.core.key.InMemorySigningKeyRepository;
import dev.authplane.core.resource.InMemoryResourceRepository;
import dev.authplane.core.scope.ScopeDefinition;
import dev.authplane.core.token.TokenRequest;
import dev.authplane.testsupport.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.authplane.core.TestAuthPlanes.RESOURCE_URI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Revocation (RFC 7009, administrative) and introspection (RFC 7662) on an in-memory AuthPlane, one and two nodes. */
class TokenLifecycleTest {

    private final MutableClock clock = new MutableClock();
    private final InMemoryClientRepository clients = new InMemoryClientRepository();
    private final InMemoryResourceRepository resources = new InMemoryResourceRepository();
    private final InMemoryIssuanceRepository issuances = new InMemoryIssuanceRepository();
    private final InMemorySigningKeyRepository keys = new InMemorySigningKeyRepository();
    private AuthPlane plane;
    private CreatedClient worker;
    private Client introspector;

    private AuthPlane node() {
        return TestAuthPlanes.builder(TestAuthPlanes.config(), clock).clients(clients).resources(resources)
                .issuances(issuances).signingKeys(keys).build();
    }

    @BeforeEach
    void setUp() {
        plane = node();
        TestAuthPlanes.registerResource(plane);
        worker = TestAuthPlanes.registerClient(plane, "worker", "tools/query");
        introspector = introspectingClient("gateway", List.of("my-mcp"));
    }

    private Client introspectingClient(String name, List<String> slugs) {
        Client c = TestAuthPlanes.registerClient(plane, name).client().toBuilder().introspect(true).resources(slugs).build();
        clients.update(c);
        return c;
    }

    private String token() {
        return token(plane, RESOURCE_URI);
    }

    private String token(AuthPlane node, String resource) {
        return node.tokens().issue(new TokenRequest("client_credentials", TestAuthPlanes.postCredentials(worker),
                "tools/query", resource, null)).accessToken();
    }

    private boolean active(AuthPlane node, String token) {
        return node.introspector().introspect(introspector, token).active();
    }

    @Test
    void anActiveTokenIsAnsweredWithItsClaims() throws Exception {
        String token = token();

        Introspection answer = plane.introspector().introspect(introspector, token);

        assertThat(answer.active()).isTrue();
        assertThat(answer.toJson()).containsEntry("active", true).containsEntry("client_id", worker.client().clientId())
                .containsEntry("sub", worker.client().clientId()).containsEntry("aud", RESOURCE_URI)
                .containsEntry("iss", TestAuthPlanes.ISSUER).containsEntry("scope", "tools/query")
                .containsEntry("token_type", "Bearer").containsEntry("jti", SignedJWT.parse(token).getJWTClaimsSet().getJWTID())
                .containsKeys("exp", "iat", "nbf").doesNotContainKey("cnf");
    }

    @Test
    void aClientRevokesItsOwnTokenOnlyAndUnknownOrMalformedTokensChangeNothing() {
        String revokedToken = token();
        String other = token();
        CreatedClient stranger = TestAuthPlanes.registerClient(plane, "stranger");

        plane.revocation().revokeOwn(stranger.client(), other);
        plane.revocation().revokeOwn(worker.client(), "not-a-jwt");
        plane.revocation().revokeOwn(worker.client(), "");
        plane.revocation().revokeOwn(worker.client(), revokedToken);

        assertThat(active(plane, revokedToken)).isFalse();
        assertThat(active(plane, other)).as("another client's revocation did nothing").isTrue();
        assertThat(issuances.find(new IssuanceQuery(null, null, clock.instant().minusSeconds(60), null, 10, true)))
                .singleElement().satisfies(row -> assertThat(row.revocation().reason()).isEqualTo(TokenRevocation.BY_CLIENT));
    }

    @Test
    void introspectionAllowsNoLeewayOnExp() {
        String token = token();
        clock.advance(Duration.ofMinutes(59).plusSeconds(59));
        assertThat(active(plane, token)).isTrue();

        clock.advance(Duration.ofSeconds(1));
        assertThat(active(plane, token)).as("exp has been reached").isFalse();
    }

    @Test
    void aCallerSeesOnlyTokensForItsOwnResources() {
        plane.admin().createResource(new NewResource("other-mcp", "https://other.example.com/mcp", "mint",
                List.of(ScopeDefinition.of("tools/query"))));
        String forOther = token(plane, "https://other.example.com/mcp");
        Client both = introspectingClient("wide-gateway", List.of("my-mcp", "other-mcp"));

        assertThat(active(plane, forOther)).isFalse();
        assertThat(plane.introspector().introspect(both, forOther).active()).isTrue();
    }

    @Test
    void aClientNotAllowedToIntrospectIsRefusedAsInvalidClient() {
        String token = token();
        assertThatThrownBy(() -> plane.introspector().introspect(worker.client(), token))
                .isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.error()).isEqualTo(OAuthError.INVALID_CLIENT));
        assertThat(active(plane, token)).isTrue();
    }

    @Test
    void forgedGarbageAndForeignTokensAreInactive() throws Exception {
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("at+jwt"))
                .keyID(plane.keys().activeKey().kid()).build(), SignedJWT.parse(token()).getJWTClaimsSet());
        forged.sign(new ECDSASigner(new ECKeyGenerator(Curve.P_256).generate()));

        assertThat(active(plane, forged.serialize())).isFalse();
        assertThat(active(plane, "a.b.c")).isFalse();
        assertThat(active(plane, "")).isFalse();
        assertThat(active(plane, token())).isTrue();
    }

    @Test
    void disablingTheClientRevokesItsTokensForGoodAndDeletingTheResourceRevokesItsTokens() {
        String beforeDisable = token();
        plane.admin().disableClient("worker");
        plane.admin().enableClient("worker");
        String afterEnable = token();

        assertThat(active(plane, beforeDisable)).isFalse();
        assertThat(active(plane, afterEnable)).isTrue();

        plane.admin().deleteResource("my-mcp");
        assertThat(active(plane, afterEnable)).isFalse();
    }

    @Test
    void anAdministratorRevokesOneTokenOrEveryTokenOfAClient() throws Exception {
        String one = token();
        String two = token();
        String three = token();
        String jti = SignedJWT.parse(one).getJWTClaimsSet().getJWTID();

        assertThat(plane.admin().revokeIssuance(jti).revocation().reason()).isEqualTo("revoked by an administrator");
        assertThat(active(plane, one)).isFalse();
        assertThat(active(plane, two)).isTrue();

        assertThat(plane.admin().revokeClientTokens("worker")).isEqualTo(2);
        assertThat(active(plane, two)).isFalse();
        assertThat(active(plane, three)).isFalse();
    }

    @Test
    void aRevocationOnOneNodeReachesAnotherWithinTheRefreshInterval() {
        AuthPlane other = node();
        String token = token();
        assertThat(active(other, token)).isTrue();

        plane.revocation().revokeOwn(worker.client(), token);
        assertThat(active(plane, token)).as("the revoking node at once").isFalse();
        clock.advance(TokenLifecycleSettings.DEFAULT_REVOCATION_REFRESH_INTERVAL.minusMillis(1));
        assertThat(active(other, token)).as("the other node before its refresh").isTrue();

        clock.advance(Duration.ofMillis(1));
        assertThat(active(other, token)).as("the other node after its refresh").isFalse();
    }
}
