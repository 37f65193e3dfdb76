package dev.authplane.mcp.verifier.sdk;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import dev.authplane.core.AuthPlane;
import dev.authplane.core.TestAuthPlanes;
import dev.authplane.core.admin.CreatedClient;
import dev.authplane.core.admin.NewClient;
import dev.authplane.core.admin.NewResource;
import dev.authplane.core.client.ClientAuthMethod;
import dev.authplane.core.client.ClientSecretCredentials;
import dev.authplane.core.scope.ScopeDefinition;
import dev.authplane.core.token.TokenRequest;
import dev.authplane.dpop.TestDPoPProofs;
import dev.authplane.mcp.verifier.StubAuthorizationServer;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * AuthPlane's real token service (authplane-core, in-memory adapters) whose issuer is a loopback
 * stub serving core's JWKS and RFC 8414 metadata: tokens in exactly the shape the product mints.
 */
final class CoreIssuedTokens implements AutoCloseable {

    private final StubAuthorizationServer as;
    private final AuthPlane plane;

    private CoreIssuedTokens(StubAuthorizationServer as, AuthPlane plane) {
        this.as = as;
        this.plane = plane;
    }

    /** Registers each resource URI with scopes {@code tools/query}, {@code tools/list} and {@code tools/admin}. */
    static CoreIssuedTokens start(String... resources) throws IOException {
        StubAuthorizationServer as = StubAuthorizationServer.start();
        AuthPlane plane = AuthPlane.builder(TestAuthPlanes.configFor(as.issuer())).build();
        for (int i = 0; i < resources.length; i++) {
            plane.admin().createResource(new NewResource("mcp-" + i, resources[i], "mint",
                    List.of(ScopeDefinition.parse("tools/query||Query tools"), ScopeDefinition.of("tools/list"),
                            ScopeDefinition.of("tools/admin"))));
        }
        as.publish(plane.keys().publicJwkSet().getKeys().toArray(new JWK[0]));
        return new CoreIssuedTokens(as, plane);
    }

    String issuer() {
        return as.issuer();
    }

    /** Registers a client with {@code tools/query tools/list} and runs a client_credentials grant. */
    String mint(String clientName, String scope, String resource) {
        return mint(clientName, scope, resource, null);
    }

    /** Like {@link #mint(String, String, String)}, with a DPoP proof of {@code dpopKey}: a DPoP-bound token. */
    String mintBound(String clientName, String scope, String resource, ECKey dpopKey) {
        String proof = TestDPoPProofs.forResource(dpopKey, "POST", as.issuer() + "/oauth/token", "unused", Instant.now())
                .claim("ath", null).sign();
        return mint(clientName, scope, resource, proof);
    }

    private String mint(String clientName, String scope, String resource, String dpopProof) {
        CreatedClient client = plane.admin().createClient(new NewClient(clientName, Set.of("client_credentials"),
                "client_secret_post", List.of(ScopeDefinition.of("tools/query"), ScopeDefinition.of("tools/list"))));
        ClientSecretCredentials credentials = new ClientSecretCredentials(client.client().clientId(),
                client.clientSecret(), ClientAuthMethod.CLIENT_SECRET_POST);
        return plane.tokens().issue(new TokenRequest("client_credentials", credentials, scope, resource, dpopProof))
                .accessToken();
    }

    @Override
    public void close() {
        as.close();
    }
}
