package dev.authplane.core.admin;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.authplane.core.AuthPlane;
import dev.authplane.core.TestAuthPlanes;
import dev.authplane.core.client.Client;
import dev.authplane.core.client.GrantTypes;
import dev.authplane.core.error.OAuthException;
import dev.authplane.core.scope.ScopeDefinition;
import dev.authplane.testsupport.ClientAssertionBuilder;
import dev.authplane.testsupport.MutableClock;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static dev.authplane.core.TestAuthPlanes.ISSUER;
import static dev.authplane.testsupport.ClientAssertionBuilder.newEcKey;
import static dev.authplane.testsupport.ClientAssertionBuilder.publicJwks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Registering a {@code private_key_jwt} client: public asymmetric keys with kids only, no secret. */
class ClientKeyRegistrationTest {

    private final MutableClock clock = new MutableClock();
    private final AuthPlane plane = TestAuthPlanes.builder(TestAuthPlanes.config(), clock).build();
    private final ECKey key = newEcKey("k1");

    private CreatedClient create(String jwks, String jwksUri) {
        return plane.admin().createClient(new NewClient("agent", Set.of(GrantTypes.CLIENT_CREDENTIALS),
                "private_key_jwt", List.of(ScopeDefinition.of("tools/query")), List.of(), jwks, jwksUri));
    }

    private AbstractThrowableAssert<?, ? extends Throwable> refused(String jwks, String jwksUri) {
        return assertThatThrownBy(() -> create(jwks, jwksUri)).isInstanceOf(AdminException.class)
                .hasFieldOrPropertyWithValue("kind", AdminException.Kind.INVALID);
    }

    @Test
    void aPublicKeySetRegistersAClientWithoutSecret() {
        CreatedClient created = create(publicJwks(key), null);
        assertThat(created.secret()).isEmpty();
        assertThat(created.client().secretHash()).isNull();
        assertThat(created.client().keys().keyIds()).containsExactly("k1");
        assertThat(created.client().keys().jwks()).doesNotContain("\"d\"");
    }

    @Test
    void privateMembersAreRefused() {
        refused(new JWKSet(key).toString(false), null).hasMessageContaining("private members")
                .hasMessageNotContaining(key.getD().toString());
    }

    @Test
    void symmetricKeysAreRefused() throws Exception {
        OctetSequenceKey oct = new OctetSequenceKeyGenerator(256).keyID("s1").generate();
        refused(new JWKSet(oct).toString(false), null).hasMessageContaining("symmetric");
    }

    @Test
    void everyKeyNeedsAUniqueKid() {
        refused(publicJwks(newEcKey(null)), null).hasMessageContaining("kid");
        refused(publicJwks(key, newEcKey("k1")), null).hasMessageContaining("appears twice");
    }

    @Test
    void weakOrEncryptionKeysAreRefused() throws Exception {
        refused(publicJwks(new RSAKeyGenerator(1024, true).keyID("small").generate()), null).hasMessageContaining("2048");
        ECKey enc = new ECKey.Builder(key.toPublicJWK()).keyUse(KeyUse.ENCRYPTION).build();
        refused(publicJwks(enc), null).hasMessageContaining("not for signatures");
    }

    @Test
    void notAJwkSetOrNoKeysAtAllIsRefused() {
        refused("{\"keys\": 1}", null).hasMessageContaining("not a JWK Set");
        refused("{\"keys\": []}", null).hasMessageContaining("no usable");
        refused(null, null).hasMessageContaining("either jwks");
        refused(publicJwks(key), "https://keys.example.com/jwks.json").hasMessageContaining("not both");
    }

    @Test
    void aJwksUriIsRefusedWhenThisServerFetchesNone() {
        refused(null, "https://keys.example.com/jwks.json").hasMessageContaining("fetches no jwks_uri");
    }

    @Test
    void aJwksUriMustBeHttpsUnlessInsecureUrisAreAllowed() {
        AuthPlane fetching = TestAuthPlanes.builder(TestAuthPlanes.config(), clock).jwksFetcher(uri -> "{}").build();
        NewClient http = new NewClient("agent", Set.of(GrantTypes.CLIENT_CREDENTIALS), "private_key_jwt", List.of(),
                List.of(), null, "http://keys.example.com/jwks.json");
        assertThatThrownBy(() -> fetching.admin().createClient(http)).hasMessageContaining("https");
        NewClient https = new NewClient("agent", Set.of(GrantTypes.CLIENT_CREDENTIALS), "private_key_jwt", List.of(),
                List.of(), null, "https://keys.example.com/jwks.json");
        assertThat(fetching.admin().createClient(https).client().keys().jwksUri()).hasToString("https://keys.example.com/jwks.json");
        AuthPlane insecure = TestAuthPlanes.builder(TestAuthPlanes.config("client_auth.allow_insecure_jwks_uri", "true"),
                clock).jwksFetcher(uri -> "{}").build();
        assertThat(insecure.admin().createClient(http).client().keys().isRemote()).isTrue();
    }

    @Test
    void keysAreForKeyClientsOnly() {
        NewClient secretWithKeys = new NewClient("worker", Set.of(GrantTypes.CLIENT_CREDENTIALS), "client_secret_basic",
                List.of(), List.of(), publicJwks(key), null);
        assertThatThrownBy(() -> plane.admin().createClient(secretWithKeys)).hasMessageContaining("private_key_jwt");
    }

    @Test
    void aKeyClientHasNoSecretToRotateAndASecretClientNoKeysToSet() {
        Client keyClient = create(publicJwks(key), null).client();
        assertThatThrownBy(() -> plane.admin().rotateSecret("agent")).isInstanceOf(AdminException.class)
                .hasMessageContaining("no secret to rotate");
        CreatedClient secretClient = TestAuthPlanes.registerClient(plane, "worker");
        assertThatThrownBy(() -> plane.admin().setKeys("worker", publicJwks(key), null))
                .hasMessageContaining("only a private_key_jwt client has public keys");
        assertThat(plane.admin().rotateSecret("worker").secret()).isPresent();
        assertThat(keyClient.keys().keyIds()).containsExactly("k1");
        assertThat(secretClient.secret()).isPresent();
    }

    @Test
    void setKeysReplacesTheKeysForTheNextAssertion() {
        TestAuthPlanes.registerResource(plane);
        Client client = create(publicJwks(key), null).client();
        ECKey next = newEcKey("k2");
        plane.admin().setKeys("agent", publicJwks(next), null);

        String byOld = ClientAssertionBuilder.assertion(key, client.clientId(), ISSUER, clock.instant()).sign();
        assertThatThrownBy(() -> plane.tokens().issue(TestAuthPlanes.assertionRequest(byOld)))
                .isInstanceOf(OAuthException.class);
        String byNew = ClientAssertionBuilder.assertion(next, client.clientId(), ISSUER, clock.instant()).sign();
        assertThat(plane.tokens().issue(TestAuthPlanes.assertionRequest(byNew))).isNotNull();
        assertThat(plane.admin().getClient("agent").keys().keyIds()).containsExactly("k2");
    }
}
