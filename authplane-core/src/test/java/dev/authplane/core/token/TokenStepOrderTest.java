package dev.authplane.core.token;

import dev.authplane.core.observe.AuthPlaneObserver;
import com.nimbusds.jose.jwk.ECKey;
import dev.authplane.core.TestAuthPlanes;
import dev.authplane.core.audit.InMemoryIssuanceRepository;
import dev.authplane.core.audit.IssuanceQuery;
import dev.authplane.core.client.Client;
import dev.authplane.core.client.ClientAuthMethod;
import dev.authplane.core.client.ClientAuthentication;
import dev.authplane.core.client.JwksFetcher;
import dev.authplane.core.client.ClientSecretCredentials;
import dev.authplane.core.client.CountingSecretVerifier;
import dev.authplane.core.client.InMemoryClientRepository;
import dev.authplane.core.client.TestClients;
import dev.authplane.core.config.AuthPlaneConfig;
import dev.authplane.core.config.ClientResourcePolicy;
import dev.authplane.core.config.SecuritySettings;
import dev.authplane.core.error.OAuthError;
import dev.authplane.core.key.InMemorySigningKeyRepository;
import dev.authplane.core.key.KeyManager;
import dev.authplane.core.resource.InMemoryResourceRepository;
import dev.authplane.core.resource.Resource;
import dev.authplane.core.resource.TestResources;
import dev.authplane.core.support.SecureRandomIdGenerator;
import dev.authplane.dpop.DPoPProofVerifier;
import dev.authplane.dpop.DPoPReplayStore;
import dev.authplane.dpop.InMemoryDPoPReplayStore;
import dev.authplane.dpop.TestDPoPProofs;
import dev.authplane.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.authplane.core.token.TokenServiceTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 6749 §4.4 (core README, token steps) "each step's failure is final; no step after a failure runs": every collaborator of
 * {@link TokenService} is counted, and a request failing at step N leaves every later step's
 * collaborator untouched (no bcrypt, no scope resolution, no consumed DPoP proof, no issuance row).
 */
class TokenStepOrderTest {

    private static final String TOKEN_ENDPOINT = TestAuthPlanes.ISSUER + "/oauth/token";

    private final MutableClock clock = new MutableClock();
    private final SecureRandomIdGenerator ids = new SecureRandomIdGenerator();
    private final ECKey proofKey = TestDPoPProofs.ecKey();
    private final InMemoryClientRepository clients = new InMemoryClientRepository();
    private final InMemoryResourceRepository resources = new InMemoryResourceRepository();
    private final InMemoryIssuanceRepository issuances = new InMemoryIssuanceRepository();
    private final CountingSecretVerifier secretChecks = new CountingSecretVerifier();
    private final AtomicInteger scopeResolutions = new AtomicInteger();
    private final AtomicInteger proofsConsumed = new AtomicInteger();
    private final Client worker = TestClients.client().build();
    private final Resource mcp = TestResources.resource().build();

    TokenStepOrderTest() {
        clients.insert(worker);
        resources.insert(mcp);
    }

    @Test
    void whenTheGrantIsDisabledThenNoClientIsAuthenticatedAndNoLaterStepRuns() {
        TokenService service = service(TestAuthPlanes.config("client_credentials.enabled", "false"));

        assertError(() -> service.issue(request(TestClients.SECRET, mcp.uri(), "tools/query", proof())),
                OAuthError.UNSUPPORTED_GRANT_TYPE);
        assertLaterStepsUntouched(0, 0, 0);
    }

    @Test
    void whenClientAuthenticationFailsThenNoResourceScopeProofOrMintWorkRuns() {
        TokenService service = service(TestAuthPlanes.config());

        assertError(() -> service.issue(request("wrong-secret", mcp.uri(), "tools/query", proof())),
                OAuthError.INVALID_CLIENT);
        assertLaterStepsUntouched(1, 0, 0);
    }

    @Test
    void whenTheClientLacksTheGrantThenNoScopeProofOrMintWorkRuns() {
        clients.update(worker.toBuilder().grantTypes(Set.of("urn:example:other")).build());
        TokenService service = service(TestAuthPlanes.config());

        assertError(() -> service.issue(request(TestClients.SECRET, mcp.uri(), "tools/query", proof())),
                OAuthError.UNAUTHORIZED_CLIENT);
        assertLaterStepsUntouched(1, 0, 0);
    }

    @Test
    void whenTheResourceIsNotRegisteredThenNoScopeProofOrMintWorkRuns() {
        TokenService service = service(TestAuthPlanes.config());

        assertError(() -> service.issue(request(TestClients.SECRET, "https://unknown.example.com/mcp", "tools/query",
                proof())), OAuthError.INVALID_TARGET);
        assertLaterStepsUntouched(1, 0, 0);
    }

    @Test
    void whenTheScopeIsRefusedThenTheProofIsNotConsumedAndNothingIsMinted() {
        TokenService service = service(TestAuthPlanes.config());
        String proof = proof();

        assertError(() -> service.issue(request(TestClients.SECRET, mcp.uri(), "tools/admin", proof)),
                OAuthError.INVALID_SCOPE);
        assertLaterStepsUntouched(1, 1, 0);
        assertThat(service.issue(request(TestClients.SECRET, mcp.uri(), "tools/query", proof)).tokenType())
                .isEqualTo("DPoP");
    }

    @Test
    void whenTheProofIsInvalidThenNoTokenIsMintedAndNoRowWritten() {
        TokenService service = service(TestAuthPlanes.config());
        String wrongMethod = TestDPoPProofs.proof(proofKey, TOKEN_ENDPOINT, clock.instant()).claim("htm", "GET").sign();

        assertError(() -> service.issue(request(TestClients.SECRET, mcp.uri(), "tools/query", wrongMethod)),
                OAuthError.INVALID_DPOP_PROOF);
        assertLaterStepsUntouched(1, 1, 0);
    }

    private void assertLaterStepsUntouched(int bcryptChecks, int scopeCalls, int proofMarks) {
        assertThat(secretChecks.checks()).as("bcrypt checks").isEqualTo(bcryptChecks);
        assertThat(scopeResolutions).as("scope resolutions").hasValue(scopeCalls);
        assertThat(proofsConsumed).as("DPoP proofs consumed").hasValue(proofMarks);
        assertThat(issuances.find(new IssuanceQuery(null, null, Instant.EPOCH, null, 10))).as("issuance rows").isEmpty();
    }

    private String proof() {
        return TestDPoPProofs.proof(proofKey, TOKEN_ENDPOINT, clock.instant()).sign();
    }

    private TokenRequest request(String secret, String resource, String scope, String proof) {
        return new TokenRequest("client_credentials",
                new ClientSecretCredentials(worker.clientId(), secret, ClientAuthMethod.CLIENT_SECRET_POST), scope,
                resource, proof);
    }

    private TokenService service(AuthPlaneConfig config) {
        KeyManager keys = new KeyManager(new InMemorySigningKeyRepository(), config, clock, ids);
        MintIssuer minter = new MintIssuer(config, keys, issuances, clock, ids, TokenCustomizer.NONE,
                AuthPlaneObserver.NONE);
        DPoPProofVerifier dpop = DPoPProofVerifier.builder(countingReplayStore(), clock).build();
        SecuritySettings noLimits = new SecuritySettings(4, SecuritySettings.DEFAULT_CLOCK_SKEW, 0, 0,
                SecuritySettings.DEFAULT_FAILED_AUTH_WINDOW, 0, SecuritySettings.DEFAULT_BCRYPT_WAIT, 0, ClientResourcePolicy.ANY);
        return new TokenService(config, ClientAuthentication.create(clients, secretChecks,
                config.withSecurity(noLimits), countingReplayStore(), JwksFetcher.NONE, ids, clock, AuthPlaneObserver.NONE),
                resources, countingScopes(), dpop, minter, AuthPlaneObserver.NONE);
    }

    private ScopeResolver countingScopes() {
        ScopeResolver intersection = new IntersectionScopeResolver();
        return (client, resource, requested) -> {
            scopeResolutions.incrementAndGet();
            return intersection.resolve(client, resource, requested);
        };
    }

    private DPoPReplayStore countingReplayStore() {
        DPoPReplayStore memory = new InMemoryDPoPReplayStore(clock, 1000);
        return new DPoPReplayStore() {
            @Override
            public boolean markUsed(String key, Instant expiresAt) {
                proofsConsumed.incrementAndGet();
                return memory.markUsed(key, expiresAt);
            }

            @Override
            public int purgeExpired(Instant now) {
                return memory.purgeExpired(now);
            }
        };
    }
}
