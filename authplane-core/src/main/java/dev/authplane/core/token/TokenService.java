package dev.authplane.core.token;

import dev.authplane.core.audit.IssuanceRepository;
import dev.authplane.core.client.AuthenticatedClient;
import dev.authplane.core.client.Client;
import dev.authplane.core.client.ClientAuthentication;
import dev.authplane.core.client.GrantTypes;
import dev.authplane.core.config.AuthPlaneConfig;
import dev.authplane.core.config.ClientResourcePolicy;
import dev.authplane.core.error.OAuthError;
import dev.authplane.core.error.OAuthException;
import dev.authplane.core.key.KeyManager;
import dev.authplane.core.observe.AuthPlaneObserver;
import dev.authplane.core.resource.Resource;
import dev.authplane.core.resource.ResourceRepository;
import dev.authplane.core.storage.StorageException;
import dev.authplane.core.storage.StorageUnavailableException;
import dev.authplane.core.support.IdGenerator;
import dev.authplane.dpop.DPoPCheck;
import dev.authplane.dpop.DPoPCheckUnavailableException;
import dev.authplane.dpop.DPoPProofException;
import dev.authplane.dpop.DPoPProofVerifier;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The token endpoint's logic for the {@code client_credentials} grant: token steps 2 to 9 (authplane-core README), in
 * order, each failure final.
 * <ol start="2">
 *   <li>grant type known and enabled ({@code unsupported_grant_type});</li>
 *   <li>client authentication ({@code invalid_client}; {@code slow_down} after too many failures
 *       from the client id or {@link TokenRequest#remoteAddress()}; see {@link ClientAuthentication});</li>
 *   <li>grant registered for the client ({@code unauthorized_client});</li>
 *   <li>exactly one registered {@code resource} ({@code invalid_target}), or, with
 *       {@code client_credentials.require_resource=false} and none sent, the issuer as audience;
 *       and within the client's resource list ({@code invalid_target}; see {@link #checkTarget});</li>
 *   <li>scopes ({@code invalid_scope}, see {@link ScopeResolver});</li>
 *   <li>DPoP proof, when one was sent and DPoP is enabled ({@code invalid_dpop_proof}); with DPoP
 *       disabled a {@code DPoP} header is ignored and the token is a Bearer token (RFC 9449 §5);</li>
 *   <li>mint and record ({@link MintIssuer});</li>
 *   <li>the response, never with a refresh token.</li>
 * </ol>
 * Step 1 (request shape) is the transport's job. Thread-safe.
 */
public final class TokenService {

    /** Token endpoint HTTP method, the {@code htm} every proof must carry. */
    public static final String TOKEN_ENDPOINT_METHOD = "POST";

    private final AuthPlaneConfig config;
    private final ClientAuthentication authenticator;
    private final ResourceRepository resources;
    private final ScopeResolver scopes;
    private final DPoPProofVerifier dpop;
    private final MintIssuer minter;
    private final AuthPlaneObserver observer;

    /**
     * Wires a token service; {@code AuthPlane} does this, embedders use {@code AuthPlane.tokens()}.
     *
     * @param dpop       the proof verifier, or {@code null} when DPoP is disabled
     * @param keys       signs the tokens
     * @param issuances  where each token's audit row is made durable before the token leaves
     * @param customizer adds claims to every token; {@link TokenCustomizer#NONE} for none
     * @param observer   told each outcome; {@link AuthPlaneObserver#NONE} for none
     */
    public static TokenService create(AuthPlaneConfig config, ClientAuthentication authenticator,
                                      ResourceRepository resources, ScopeResolver scopes, DPoPProofVerifier dpop,
                                      KeyManager keys, IssuanceRepository issuances, Clock clock, IdGenerator ids,
                                      TokenCustomizer customizer, AuthPlaneObserver observer) {
        return new TokenService(config, authenticator, resources, scopes, dpop,
                new MintIssuer(config, keys, issuances, clock, ids, customizer, observer), observer);
    }

    TokenService(AuthPlaneConfig config, ClientAuthentication authenticator, ResourceRepository resources,
                 ScopeResolver scopes, DPoPProofVerifier dpop, MintIssuer minter, AuthPlaneObserver observer) {
        this.config = Objects.requireNonNull(config, "config");
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.resources = Objects.requireNonNull(resources, "resources");
        this.scopes = Objects.requireNonNull(scopes, "scopes");
        this.dpop = dpop;
        this.minter = Objects.requireNonNull(minter, "minter");
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    /**
     * Processes one token request.
     *
     * @return the token response, after the issuance row is durable
     * @throws OAuthException for every failure, including {@code temporarily_unavailable} when the
     *                        store is unreachable and {@code server_error} for anything unexpected
     */
    public IssuedToken issue(TokenRequest request) {
        Objects.requireNonNull(request, "request");
        long started = System.nanoTime();
        Client client = null;
        try {
            checkGrant(request.grantType());
            AuthenticatedClient caller = authenticator.authenticate(request.credentials(), request.remoteAddress());
            client = caller.client();
            if (!client.hasGrantType(GrantTypes.CLIENT_CREDENTIALS)) {
                throw new OAuthException(OAuthError.UNAUTHORIZED_CLIENT,
                        "The client is not registered for the client_credentials grant");
            }
            Resource resource = resolveResource(request.resource());
            checkTarget(client, resource);
            String audience = resource == null ? config.issuer() : resource.uri();
            List<String> granted = scopes.resolve(client, resource, Optional.ofNullable(request.scope()));
            String jkt = verifyProof(request.dpopProof());
            IssuedToken issued = minter.mint(new MintRequest(caller, resource, audience, granted,
                    GrantTypes.CLIENT_CREDENTIALS, jkt, request.traceId()));
            observer.tokenIssued(GrantTypes.CLIENT_CREDENTIALS, caller.method().value(), issued.tokenType(),
                    resource == null ? null : resource.slug(), client.clientId(), System.nanoTime() - started);
            return issued;
        } catch (RuntimeException e) {
            OAuthException refusal = Failures.toOAuth(e, "token request");
            observer.tokenRefused(GrantTypes.CLIENT_CREDENTIALS.equals(request.grantType()) ? request.grantType() : null,
                    refusal.error(), client == null ? null : client.clientId(), System.nanoTime() - started);
            throw refusal;
        }
    }

    /**
     * A fresh DPoP server nonce for a {@code DPoP-Nonce} response header, when
     * {@code dpop.require_nonce=true}; empty otherwise.
     */
    public Optional<String> currentDpopNonce() {
        return dpop == null ? Optional.empty() : dpop.currentNonce();
    }

    private void checkGrant(String grantType) {
        if (grantType == null || grantType.isEmpty()) {
            throw new OAuthException(OAuthError.INVALID_REQUEST, "grant_type is required");
        }
        if (!GrantTypes.CLIENT_CREDENTIALS.equals(grantType)) {
            throw new OAuthException(OAuthError.UNSUPPORTED_GRANT_TYPE,
                    "The grant_type is not supported by this server");
        }
        if (!config.clientCredentials().enabled()) {
            throw new OAuthException(OAuthError.UNSUPPORTED_GRANT_TYPE,
                    "The client_credentials grant is disabled; " + config.clientCredentials().howToEnable());
        }
    }

    private Resource resolveResource(String value) {
        if (value == null) {
            if (config.clientCredentials().requireResource()) {
                throw invalidTarget("resource is required");
            }
            return null;
        }
        try {
            Resource.validateUri(value);
        } catch (IllegalArgumentException e) {
            throw invalidTarget("resource must be an absolute http or https URI without a fragment");
        }
        return resources.findByUri(value)
                .orElseThrow(() -> invalidTarget("resource is not a registered resource URI"));
    }

    /**
     * Least privilege between clients and resources: a client with a resource list gets tokens for
     * listed resources only (never the issuer as audience); a client without one gets any registered
     * resource unless {@code security.client_resources=listed} requires every client to have a list.
     */
    private void checkTarget(Client client, Resource resource) {
        if (client.resources().isEmpty()) {
            if (config.security().clientResources() == ClientResourcePolicy.LISTED) {
                throw invalidTarget("the client has no resource list, and this server requires every client"
                        + " to have one");
            }
            return;
        }
        if (resource == null) {
            throw invalidTarget("resource is required for a client with a resource list");
        }
        if (!client.mayTarget(resource.slug())) {
            throw invalidTarget("the client may not request tokens for this resource");
        }
    }

    /**
     * Token step 7: a rejected proof is {@code invalid_dpop_proof} (or {@code use_dpop_nonce} with a
     * fresh nonce); a replay store that does not answer is a storage failure like any other.
     */
    private String verifyProof(String proof) {
        if (proof == null || dpop == null) {
            return null;
        }
        try {
            return dpop.verify(proof, DPoPCheck.tokenEndpoint(TOKEN_ENDPOINT_METHOD, config.tokenEndpoint()));
        } catch (DPoPProofException e) {
            observer.dpopProofRejected(e.reason());
            throw e.freshNonce().map(OAuthException::useDpopNonce)
                    .orElseGet(() -> new OAuthException(OAuthError.INVALID_DPOP_PROOF, e.description()));
        } catch (DPoPCheckUnavailableException e) {
            throw e.getCause() instanceof StorageException storage ? storage
                    : new StorageUnavailableException("the DPoP replay store did not answer", e.getCause());
        }
    }

    private static OAuthException invalidTarget(String description) {
        return new OAuthException(OAuthError.INVALID_TARGET, description);
    }
}
