package dev.authplane.core.token;

import dev.authplane.core.client.Client;
import dev.authplane.core.config.ScopePolicy;
import dev.authplane.core.error.OAuthError;
import dev.authplane.core.error.OAuthException;
import dev.authplane.core.resource.Resource;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Port: decides which scopes a token request is granted (token step 6 (authplane-core README)).
 *
 * <p>Contract, for every implementation:
 * <ul>
 *   <li>The result is the sorted (natural {@link String} order), duplicate-free, unmodifiable list
 *       of granted scope tokens; it may be empty only if the policy allows scope-less tokens.</li>
 *   <li>A request that cannot be granted throws {@link dev.authplane.core.error.OAuthException}
 *       with {@link dev.authplane.core.error.OAuthError#INVALID_SCOPE} and an ASCII description
 *       that echoes no more than syntactically valid scope tokens.</li>
 *   <li>Malformed scope tokens (RFC 6749 §3.3 NQCHAR) are always refused.</li>
 *   <li>Implementations are stateless or thread-safe; they do no I/O.</li>
 *   <li>When {@code resource} is not {@code null}, nothing outside its scope catalog
 *       ({@link Resource#scopeNames()}) is granted: least privilege between clients and resources.</li>
 * </ul>
 *
 * <p>Two policies ship: {@link IntersectionScopeResolver} (the default, the seed's rule) and
 * {@link StrictScopeResolver}; both narrow to the resource's catalog. Embedders may supply their
 * own, e.g. one that maps requested scopes to a resource's upstream names.
 */
@FunctionalInterface
public interface ScopeResolver {

    /**
     * @param client    the authenticated client; never null
     * @param resource  the target resource, or {@code null} when the audience is the issuer itself
     * @param requested the raw {@code scope} parameter, empty when the request did not send one
     * @return the granted scopes, sorted
     * @throws dev.authplane.core.error.OAuthException ({@code invalid_scope}) when nothing can be granted
     */
    List<String> resolve(Client client, Resource resource, Optional<String> requested);

    /** The shipped resolver for {@code client_credentials.scope_policy}. */
    static ScopeResolver forPolicy(ScopePolicy policy) {
        Objects.requireNonNull(policy, "policy");
        return switch (policy) {
            case INTERSECTION -> new IntersectionScopeResolver();
            case STRICT -> new StrictScopeResolver();
        };
    }
}
