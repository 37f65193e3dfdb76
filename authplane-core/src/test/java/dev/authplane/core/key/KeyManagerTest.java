package dev.authplane.core.key;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.authplane.core.AuthPlane;
import dev.authplane.core.TestAuthPlanes;
import dev.authplane.core.admin.CreatedClient;
import dev.authplane.core.config.AuthPlaneConfig;
import dev.authplane.core.support.SecureRandomIdGenerator;
import dev.authplane.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.authplane.core.TestAuthPlanes.RESOURCE_URI;
import static dev.authplane.core.TestAuthPlanes.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RFC 7517, RFC 8414 and RFC 9728: key generation, rotation with retention, the public JWKS, convergence between nodes. */
class KeyManagerTest {

    private static final Set<String> PUBLIC_MEMBERS = Set.of("kty", "crv", "x", "y", "n", "e", "kid", "alg", "use");

    private final MutableClock clock = new MutableClock();
    private final InMemorySigningKeyRepository store = new InMemorySigningKeyRepository();
    /** Every client gets the default one-hour lifetime, the longest allowed here. */
    private final AuthPlane plane = TestAuthPlanes.builder(TestAuthPlanes.config("client_credentials.max_token_expiry",
            "1h"), clock).signingKeys(store).build();
    private final CreatedClient worker;

    KeyManagerTest() {
        TestAuthPlanes.registerResource(plane);
        worker = TestAuthPlanes.registerClient(plane, "worker", "tools/query");
    }

    @Test
    void tokenVerifiesWithPlainNimbusAgainstThePublishedJwksBeforeAndAfterTwoRotations() throws Exception {
        String first = issue();
        assertThat(verify(first, plane.keys().publicJwksJson()).getSubject()).isEqualTo(worker.client().clientId());

        plane.keys().rotate();
        String second = issue();
        plane.keys().rotate();
        String third = issue();

        String jwks = plane.keys().publicJwksJson();
        for (String token : List.of(first, second, third)) {
            assertThat(verify(token, jwks).getAudience()).containsExactly(RESOURCE_URI);
        }
        assertThat(JWKSet.parse(jwks).getKeys()).hasSize(3);
        assertThat(Set.of(kid(first), kid(second), kid(third))).hasSize(3);
    }

    @Test
    void retiredKeyStaysPublishedUntilTheLongestTokenLifetimeHasPassedThenDisappears() throws Exception {
        String oldKid = kid(issue());
        KeyInfo next = plane.keys().rotate();
        Duration longestLifetime = plane.config().clientCredentials().maxTokenExpiry();
        assertThat(longestLifetime).isEqualTo(Duration.ofHours(1));
        Duration retention = longestLifetime.plusSeconds(60).plus(KeyManager.DEFAULT_REFRESH_INTERVAL);

        clock.advance(retention.minusSeconds(1));
        assertThat(publishedKids()).contains(oldKid, next.kid());

        clock.advance(Duration.ofSeconds(2));
        assertThat(publishedKids()).containsExactly(next.kid());
        assertThat(plane.keys().list()).extracting(KeyInfo::kid).containsExactly(next.kid());
    }

    @Test
    void everyKeyOfManyRotationsStaysInTheJwksUntilTheLastTokenItSignedHasExpired() throws Exception {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            tokens.add(issue());
            plane.keys().rotate();
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(publishedKids()).hasSize(21);

        for (int minute = 0; minute < 70; minute++) {
            String jwks = plane.keys().publicJwksJson();
            for (String token : tokens) {
                if (clock.instant().isBefore(SignedJWT.parse(token).getJWTClaimsSet().getExpirationTime().toInstant())) {
                    assertThat(publishedKids()).as("kid of a live token at +%d min", minute).contains(kid(token));
                    assertThat(verify(token, jwks).getSubject()).isEqualTo(worker.client().clientId());
                }
            }
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(publishedKids()).containsExactly(plane.keys().activeKey().kid());
    }

    @Test
    void retiredKeyStaysPublishedForTheLongestLifetimeAClientMayBeGivenNotJustTheDefaultOne() {
        AuthPlane longLived = TestAuthPlanes.builder(TestAuthPlanes.config(), clock).build();
        assertThat(longLived.config().clientCredentials().tokenExpiry()).isEqualTo(Duration.ofHours(1));
        String oldKid = longLived.keys().activeKey().kid();
        longLived.keys().rotate();

        clock.advance(Duration.ofHours(23));
        assertThat(longLived.keys().publicJwksJson()).contains(oldKid);
        clock.advance(Duration.ofHours(1).plusMinutes(2));
        assertThat(longLived.keys().publicJwksJson()).doesNotContain(oldKid)
                .contains(longLived.keys().activeKey().kid());
    }

    @Test
    void retiredKeyInfoShowsWhenItWasRetiredAndUntilWhenItIsPublished() {
        String oldKid = plane.keys().activeKey().kid();
        plane.keys().rotate();

        KeyInfo retired = plane.keys().list().stream().filter(k -> k.kid().equals(oldKid)).findFirst().orElseThrow();
        assertThat(retired.status()).isEqualTo(KeyStatus.RETIRED);
        assertThat(retired.retiredAt()).isEqualTo(clock.instant());
        assertThat(retired.publishUntil()).isAfter(clock.instant().plus(Duration.ofHours(1)));
        assertThat(plane.keys().list().get(0).status()).isEqualTo(KeyStatus.ACTIVE);
    }

    @Test
    void jwksNeverContainsPrivateMembersForEs256OrRs256() throws Exception {
        AuthPlane rsa = TestAuthPlanes.builder(TestAuthPlanes.config("signing.algorithm", "RS256"), clock).build();
        rsa.keys().rotate();

        for (String json : List.of(plane.keys().publicJwksJson(), rsa.keys().publicJwksJson())) {
            for (Object key : (List<?>) JSONObjectUtils.parse(json).get("keys")) {
                Set<String> members = ((Map<?, ?>) key).keySet().stream().map(String::valueOf)
                        .collect(java.util.stream.Collectors.toSet());
                assertThat(members).allMatch(PUBLIC_MEMBERS::contains).contains("kid", "alg", "use");
                assertThat(((Map<?, ?>) key).get("use")).isEqualTo("sig");
            }
            assertThat(JWKSet.parse(json).getKeys()).noneMatch(k -> k.isPrivate());
        }
        assertThat(JWKSet.parse(rsa.keys().publicJwksJson()).getKeys()).allMatch(k -> k.getAlgorithm().getName().equals("RS256"));
    }

    @Test
    void activeSignerIsBuiltOnceAndReusedUntilRotation() {
        ActiveKey first = plane.keys().activeKey();
        clock.advance(KeyManager.DEFAULT_REFRESH_INTERVAL.multipliedBy(3));

        assertThat(plane.keys().activeKey()).isSameAs(first);
        plane.keys().rotate();
        assertThat(plane.keys().activeKey()).isNotSameAs(first);
    }

    @Test
    void nodesSharingAStoreAgreeOnTheFirstKeyAndConvergeOnRotationWithinTheRefreshInterval() {
        AuthPlaneConfig config = TestAuthPlanes.config();
        KeyManager nodeA = new KeyManager(store, config, clock, new SecureRandomIdGenerator());
        KeyManager nodeB = new KeyManager(store, config, clock, new SecureRandomIdGenerator());
        String firstKid = nodeA.activeKey().kid();
        assertThat(nodeB.activeKey().kid()).isEqualTo(firstKid);

        KeyInfo rotated = nodeA.rotate();
        assertThat(nodeB.activeKey().kid()).isEqualTo(firstKid);

        clock.advance(KeyManager.DEFAULT_REFRESH_INTERVAL);
        assertThat(nodeB.activeKey().kid()).isEqualTo(rotated.kid());
        assertThat(nodeB.publicJwkSet().getKeys()).extracting(k -> k.getKeyID()).contains(firstKid, rotated.kid());
    }

    @Test
    void configuredAlgorithmDifferentFromTheStoredActiveKeyRotatesOnFirstUse() {
        String esKid = plane.keys().activeKey().kid();
        KeyManager rsaNode = new KeyManager(store, TestAuthPlanes.config("signing.algorithm", "RS256"), clock,
                new SecureRandomIdGenerator());

        assertThat(rsaNode.activeKey().algorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(rsaNode.publicJwkSet().getKeyByKeyId(esKid)).isNotNull();
    }

    @Test
    void revokingTheActiveKeyActivatesANewOneFirstAndDropsTheOldFromTheJwksAtOnce() throws Exception {
        String before = issue();
        String revoked = plane.keys().activeKey().kid();

        assertThat(plane.admin().revokeKey(revoked).kid()).isNotEqualTo(revoked);

        assertThat(publishedKids()).doesNotContain(revoked).hasSize(1);
        assertThat(plane.keys().list()).extracting(KeyInfo::kid).doesNotContain(revoked);
        assertThat(com.nimbusds.jwt.SignedJWT.parse(issue()).getHeader().getKeyID()).isNotEqualTo(revoked);
        assertThat(com.nimbusds.jwt.SignedJWT.parse(before).getHeader().getKeyID()).isEqualTo(revoked);
    }

    @Test
    void revokingARetiredKeyRemovesItFromTheJwksWhileItWouldStillBePublished() {
        String retired = plane.keys().activeKey().kid();
        plane.keys().rotate();
        assertThat(publishedKids()).as("positive control: retired keys stay published").contains(retired);

        plane.admin().revokeKey(retired);

        assertThat(publishedKids()).doesNotContain(retired).hasSize(1);
        assertThatThrownBy(() -> plane.admin().revokeKey("no-such-kid"))
                .isInstanceOf(dev.authplane.core.admin.AdminException.class).hasMessageContaining("no signing key");
    }

    private String issue() {
        return plane.tokens().issue(request(worker, null)).accessToken();
    }

    private List<String> publishedKids() {
        return plane.keys().publicJwkSet().getKeys().stream().map(k -> k.getKeyID()).toList();
    }

    private static String kid(String token) throws Exception {
        return SignedJWT.parse(token).getHeader().getKeyID();
    }

    private JWTClaimsSet verify(String token, String jwksJson) throws Exception {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256),
                new ImmutableJWKSet<>(JWKSet.parse(jwksJson))));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(RESOURCE_URI,
                new JWTClaimsSet.Builder().issuer(TestAuthPlanes.ISSUER).build(), Set.of("sub", "exp", "iat", "jti")) {
            @Override
            protected Date currentTime() {
                return Date.from(clock.instant());
            }
        });
        return processor.process(token, null);
    }
}
