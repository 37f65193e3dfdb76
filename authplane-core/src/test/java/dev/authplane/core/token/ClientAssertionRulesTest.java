package dev.authplane.core.token;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.authplane.core.AuthPlane;
import dev.authplane.core.TestAuthPlanes;
import dev.authplane.core.audit.Issuance;
import dev.authplane.core.audit.IssuanceQuery;
import dev.authplane.core.client.Client;
import dev.authplane.core.client.ClientAssertionCredentials;
import dev.authplane.core.client.ClientAuthMethod;
import dev.authplane.core.client.ClientAuthentication;
import dev.authplane.core.client.ClientSecretCredentials;
import dev.authplane.core.client.GrantTypes;
import dev.authplane.core.error.OAuthError;
import dev.authplane.core.error.OAuthException;
import dev.authplane.testsupport.ClientAssertionBuilder;
import dev.authplane.testsupport.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;

import static dev.authplane.core.TestAuthPlanes.ISSUER;
import static dev.authplane.core.TestAuthPlanes.assertionRequest;
import static dev.authplane.testsupport.ClientAssertionBuilder.newEcKey;
import static dev.authplane.testsupport.ClientAssertionBuilder.newRsaKey;
import static dev.authplane.testsupport.ClientAssertionBuilder.publicJwks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Every RFC 7523 §3 / rfc7523bis rule of a {@code private_key_jwt} assertion: each violating
 * assertion is refused with the one {@code invalid_client} description, and the same client with a
 * correct assertion, built the same way, gets a token (the positive control).
 */
class ClientAssertionRulesTest {

    private final MutableClock clock = new MutableClock();
    private final ECKey key = newEcKey("k1");
    private final AuthPlane plane = plane();
    private final Client client = register(plane, publicJwks(key));

    private AuthPlane plane(String... overrides) {
        AuthPlane p = TestAuthPlanes.builder(TestAuthPlanes.config(overrides), clock).build();
        TestAuthPlanes.registerResource(p);
        return p;
    }

    private static Client register(AuthPlane p, String jwks) {
        return TestAuthPlanes.registerKeyClient(p, "agent", jwks, "tools/query");
    }

    private ClientAssertionBuilder valid() {
        return ClientAssertionBuilder.assertion(key, client.clientId(), ISSUER, clock.instant());
    }

    private IssuedToken issue(String assertion) {
        return plane.tokens().issue(assertionRequest(assertion));
    }

    private void assertRefused(String assertion) {
        assertRefused(plane, assertionRequest(assertion));
    }

    private static void assertRefused(AuthPlane p, TokenRequest request) {
        OAuthException e = catchThrowableOfType(() -> p.tokens().issue(request), OAuthException.class);
        assertThat(e).as("refused").isNotNull();
        assertThat(e.error()).isEqualTo(OAuthError.INVALID_CLIENT);
        assertThat(e.description()).isEqualTo(ClientAuthentication.FAILED);
    }

    @Test
    void aCorrectAssertionGetsATokenAndTheIssuanceRowRecordsTheMethodAndKid() throws Exception {
        IssuedToken token = issue(valid().sign());

        assertThat(SignedJWT.parse(token.accessToken()).getJWTClaimsSet().getSubject()).isEqualTo(client.clientId());
        assertThat(client.secretHash()).isNull();
        List<Issuance> rows = plane.admin().listIssuances(new IssuanceQuery(null, null, clock.instant().minusSeconds(1), null, 5));
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.authMethod()).isEqualTo("private_key_jwt");
            assertThat(row.assertionKid()).isEqualTo("k1");
        });
    }

    @Test
    void theSignatureMustBeByARegisteredKey() {
        ECKey impostor = newEcKey("k1");
        assertRefused(ClientAssertionBuilder.assertion(impostor, client.clientId(), ISSUER, clock.instant()).sign());
        assertRefused(valid().header(h -> h.keyID("unknown")).sign());
        assertThat(issue(valid().sign())).isNotNull();
    }

    @Test
    void withoutKidEveryRegisteredKeyThatFitsTheAlgIsTried() {
        ECKey second = newEcKey("k2");
        Client two = TestAuthPlanes.registerKeyClient(plane, "two-keys", publicJwks(key, second), "tools/query");
        String bySecond = ClientAssertionBuilder.assertion(second, two.clientId(), ISSUER, clock.instant())
                .header(h -> h.keyID(null)).sign();
        assertThat(issue(bySecond)).isNotNull();
        ECKey stranger = newEcKey("k3");
        assertRefused(ClientAssertionBuilder.assertion(stranger, two.clientId(), ISSUER, clock.instant())
                .header(h -> h.keyID(null)).sign());
    }

    @Test
    void noneAndHmacAreNeverAccepted() throws Exception {
        JWTClaimsSet claims = SignedJWT.parse(valid().sign()).getJWTClaimsSet();
        assertRefused(new PlainJWT(claims).serialize());
        SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("k1").build(), claims);
        hmac.sign(new MACSigner(new byte[32]));
        assertRefused(hmac.serialize());
        assertThat(issue(valid().sign())).isNotNull();
    }

    @Test
    void aKeyInTheHeaderIsNeverTakenOnTrust() {
        ECKey attacker = newEcKey("k1");
        String withJwk = ClientAssertionBuilder.assertion(attacker, client.clientId(), ISSUER, clock.instant())
                .header(h -> h.jwk(attacker.toPublicJWK())).sign();
        assertRefused(withJwk);
        String withJku = ClientAssertionBuilder.assertion(attacker, client.clientId(), ISSUER, clock.instant())
                .header(h -> h.jwkURL(java.net.URI.create("https://attacker.example/jwks.json"))).sign();
        assertRefused(withJku);
        assertThat(issue(valid().header(h -> h.jwk(key.toPublicJWK())).sign())).isNotNull();
    }

    @Test
    void anUnknownCriticalHeaderIsRefused() {
        assertRefused(valid().header(h -> h.criticalParams(Set.of("urn:example:policy"))
                .customParam("urn:example:policy", "x")).sign());
        assertThat(issue(valid().header(h -> h.customParam("urn:example:policy", "x")).sign())).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dpop+jwt", "at+jwt", "oauth-id-jag+jwt", "secevent+jwt"})
    void anotherExplicitTypeIsRefused(String typ) {
        assertRefused(valid().header(h -> h.type(new JOSEObjectType(typ))).sign());
    }

    @ParameterizedTest
    @ValueSource(strings = {"JWT", "jwt", "client-authentication+jwt", "application/client-authentication+jwt"})
    void theAssertionTypesAreAccepted(String typ) {
        assertThat(issue(valid().header(h -> h.type(new JOSEObjectType(typ))).sign())).isNotNull();
    }

    @Test
    void issAndSubMustBothBeTheClient() {
        assertRefused(valid().claims(c -> c.issuer("someone-else")).sign());
        assertRefused(valid().claims(c -> c.issuer(null)).sign());
        assertRefused(valid().claims(c -> c.subject(null)).sign());
        Client other = TestAuthPlanes.registerKeyClient(plane, "other", publicJwks(newEcKey("o1")), "tools/query");
        assertRefused(valid().claims(c -> c.subject(other.clientId()).issuer(other.clientId())).sign());
        assertThat(issue(valid().sign())).isNotNull();
    }

    @Test
    void aClientIdSentWithTheAssertionMustBeItsSub() {
        TokenRequest mismatched = new TokenRequest(GrantTypes.CLIENT_CREDENTIALS,
                new ClientAssertionCredentials("some-other-client", valid().sign()), null, TestAuthPlanes.RESOURCE_URI, null);
        assertRefused(plane, mismatched);
        TokenRequest matching = new TokenRequest(GrantTypes.CLIENT_CREDENTIALS,
                new ClientAssertionCredentials(client.clientId(), valid().sign()), null, TestAuthPlanes.RESOURCE_URI, null);
        assertThat(plane.tokens().issue(matching)).isNotNull();
    }

    @Test
    void theAudienceIsTheIssuerAsAStringOrAOneElementArray() {
        assertThat(issue(valid().claims(c -> c.audience(List.of(ISSUER))).sign())).isNotNull();
        assertRefused(valid().claims(c -> c.audience(List.of(ISSUER, "https://other.example"))).sign());
        assertRefused(valid().claims(c -> c.audience("https://other.example")).sign());
        assertRefused(valid().claims(c -> c.audience((String) null)).sign());
        assertRefused(valid().claims(c -> c.audience(ISSUER + "/")).sign());
        assertRefused(valid().claims(c -> c.audience(ISSUER + "/oauth/token")).sign());
    }

    @Test
    void theTokenEndpointAudienceIsAcceptedOnlyWhenTheSettingIsOn() {
        AuthPlane lenient = plane("client_auth.accept_token_endpoint_audience", "true");
        Client lenientClient = register(lenient, publicJwks(key));
        String toEndpoint = ClientAssertionBuilder.assertion(key, lenientClient.clientId(), ISSUER + "/oauth/token",
                clock.instant()).sign();
        assertThat(lenient.tokens().issue(assertionRequest(toEndpoint))).isNotNull();
        assertThat(lenient.tokens().issue(assertionRequest(ClientAssertionBuilder.assertion(key,
                lenientClient.clientId(), ISSUER, clock.instant()).sign()))).isNotNull();
    }

    @Test
    void expIsRequiredAndMustNotHavePassed() {
        assertRefused(valid().claims(c -> c.expirationTime(null)).sign());
        Instant now = clock.instant();
        assertRefused(valid().claims(c -> c.issueTime(Date.from(now.minusSeconds(200)))
                .expirationTime(Date.from(now.minusSeconds(61)))).sign());
        assertThat(issue(valid().claims(c -> c.issueTime(Date.from(now.minusSeconds(200)))
                .expirationTime(Date.from(now.minusSeconds(59)))).sign())).as("within the clock skew").isNotNull();
    }

    @Test
    void theLifetimeIsAtMostFiveMinutesInclusiveFromIatOrFromNow() {
        Instant now = clock.instant();
        assertThat(issue(valid().claims(c -> c.expirationTime(Date.from(now.plusSeconds(300)))).sign()))
                .as("exp - iat = 300, as the Python MCP SDK sends").isNotNull();
        assertRefused(valid().claims(c -> c.expirationTime(Date.from(now.plusSeconds(301)))).sign());
        assertRefused(valid().claims(c -> c.issueTime(null).expirationTime(Date.from(now.plusSeconds(301)))).sign());
        assertThat(issue(valid().claims(c -> c.issueTime(null).expirationTime(Date.from(now.plusSeconds(300)))).sign()))
                .isNotNull();
    }

    @Test
    void aShorterMaximumLifetimeIsHonoured() {
        AuthPlane strict = plane("client_auth.max_assertion_lifetime", "60s");
        Client strictClient = register(strict, publicJwks(key));
        Instant now = clock.instant();
        ClientAssertionBuilder base = ClientAssertionBuilder.assertion(key, strictClient.clientId(), ISSUER, now);
        assertRefused(strict, assertionRequest(base.claims(c -> c.expirationTime(Date.from(now.plusSeconds(61)))).sign()));
        assertThat(strict.tokens().issue(assertionRequest(ClientAssertionBuilder.assertion(key, strictClient.clientId(),
                ISSUER, now).sign()))).isNotNull();
    }

    @Test
    void iatAndNbfMustNotLieInTheFutureBeyondTheSkew() {
        Instant now = clock.instant();
        assertRefused(valid().claims(c -> c.issueTime(Date.from(now.plusSeconds(120)))
                .expirationTime(Date.from(now.plusSeconds(180)))).sign());
        assertRefused(valid().claims(c -> c.notBeforeTime(Date.from(now.plusSeconds(120)))).sign());
        assertThat(issue(valid().claims(c -> c.issueTime(Date.from(now.plusSeconds(30)))
                .notBeforeTime(Date.from(now.plusSeconds(30))).expirationTime(Date.from(now.plusSeconds(90)))).sign()))
                .as("within the clock skew").isNotNull();
    }

    @Test
    void jtiIsRequiredAndAnAssertionIsAcceptedOnce() {
        assertRefused(valid().claims(c -> c.jwtID(null)).sign());
        String once = valid().sign();
        assertThat(issue(once)).isNotNull();
        assertRefused(once);
        clock.advance(Duration.ofSeconds(30));
        assertRefused(once);
        assertThat(issue(valid().sign())).isNotNull();
    }

    @Test
    void aRefusedAssertionDoesNotBurnItsJti() {
        String jti = "kept-for-later";
        assertRefused(valid().claims(c -> c.jwtID(jti).audience("https://other.example")).sign());
        assertThat(issue(valid().claims(c -> c.jwtID(jti)).sign())).isNotNull();
    }

    @Test
    void methodsDoNotMix() {
        var secretClient = TestAuthPlanes.registerClient(plane, "secret-worker", "tools/query");
        String assertionForSecretClient = ClientAssertionBuilder.assertion(key, secretClient.client().clientId(), ISSUER,
                clock.instant()).sign();
        assertRefused(assertionForSecretClient);
        TokenRequest secretForKeyClient = new TokenRequest(GrantTypes.CLIENT_CREDENTIALS,
                new ClientSecretCredentials(client.clientId(), "anything", ClientAuthMethod.CLIENT_SECRET_BASIC), null,
                TestAuthPlanes.RESOURCE_URI, null);
        assertRefused(plane, secretForKeyClient);
        assertThat(plane.tokens().issue(TestAuthPlanes.request(secretClient, null))).isNotNull();
    }

    @Test
    void aDisabledClientIsRefusedAndAnEnabledOneAccepted() {
        plane.admin().disableClient(client.clientId());
        assertRefused(valid().sign());
        plane.admin().enableClient(client.clientId());
        assertThat(issue(valid().sign())).isNotNull();
    }

    @Test
    void garbageIsRefusedLikeAWrongSecret() {
        assertRefused("not-a-jwt");
        assertRefused("e30.e30.e30");
        assertRefused(valid().sign() + "x");
    }

    @Test
    void failedAssertionsCountInTheSameThrottleAsWrongSecrets() {
        AuthPlane throttled = plane("security.max_failed_auth_per_client", "3");
        Client c = register(throttled, publicJwks(key));
        TokenRequest bad = new TokenRequest(GrantTypes.CLIENT_CREDENTIALS, new ClientAssertionCredentials(null,
                ClientAssertionBuilder.assertion(newEcKey("k1"), c.clientId(), ISSUER, clock.instant()).sign()),
                null, TestAuthPlanes.RESOURCE_URI, null, "192.0.2.7");
        for (int i = 0; i < 3; i++) {
            assertRefused(throttled, bad);
        }
        TokenRequest good = new TokenRequest(GrantTypes.CLIENT_CREDENTIALS, new ClientAssertionCredentials(null,
                ClientAssertionBuilder.assertion(key, c.clientId(), ISSUER, clock.instant()).sign()),
                null, TestAuthPlanes.RESOURCE_URI, null, "192.0.2.7");
        OAuthException e = catchThrowableOfType(() -> throttled.tokens().issue(good), OAuthException.class);
        assertThat(e.error()).isEqualTo(OAuthError.SLOW_DOWN);
        TokenRequest fromElsewhere = new TokenRequest(GrantTypes.CLIENT_CREDENTIALS, new ClientAssertionCredentials(null,
                ClientAssertionBuilder.assertion(key, c.clientId(), ISSUER, clock.instant()).sign()),
                null, TestAuthPlanes.RESOURCE_URI, null, "192.0.2.8");
        assertThat(throttled.tokens().issue(fromElsewhere)).isNotNull();
    }

    @Test
    void rsaAndPssKeysWork() {
        RSAKey rsa = newRsaKey("r1");
        Client rsaClient = TestAuthPlanes.registerKeyClient(plane, "rsa-agent", publicJwks(rsa), "tools/query");
        assertThat(issue(ClientAssertionBuilder.assertion(rsa, rsaClient.clientId(), ISSUER, clock.instant()).sign()))
                .isNotNull();
        assertThat(issue(ClientAssertionBuilder.assertion(rsa, rsaClient.clientId(), ISSUER, clock.instant())
                .algorithm(JWSAlgorithm.PS256).sign())).isNotNull();
        RSAKey rsaNamedLikeTheEcKey = newRsaKey("k1");
        assertRefused(ClientAssertionBuilder.assertion(rsaNamedLikeTheEcKey, client.clientId(), ISSUER, clock.instant())
                .sign());
    }
}
