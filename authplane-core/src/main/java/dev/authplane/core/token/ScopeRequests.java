package dev.authplane.core.token;

import dev.authplane.core.client.Client;
import dev.authplane.core.error.OAuthError;
import dev.authplane.core.error.OAuthException;
import dev.authplane.core.resource.Resource;
import dev.authplane.core.scope.ScopeDefinition;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Parsing, narrowing and error helpers shared by the shipped scope resolvers. */
final class ScopeRequests {

    private ScopeRequests() {
    }

    /**
     * Splits a {@code scope} parameter into its tokens (RFC 6749 §3.3: space-delimited; runs of
     * spaces and surrounding spaces are tolerated).
     *
     * @throws OAuthException {@code invalid_scope} when the value is blank or a token is malformed
     */
    static Set<String> parse(String scope) {
        String trimmed = scope.strip();
        if (trimmed.isEmpty()) {
            throw invalid("scope is empty; omit the parameter to request every registered scope");
        }
        Set<String> tokens = new TreeSet<>();
        for (String token : trimmed.split(" +")) {
            if (!ScopeDefinition.isValidScopeToken(token)) {
                throw invalid("scope contains a malformed scope token (RFC 6749 section 3.3)");
            }
            tokens.add(token);
        }
        return tokens;
    }

    /**
     * The scope omitted: all of the client's registered scopes that the resource offers, sorted;
     * refused when the client has none or the resource offers none of them.
     *
     * @param resource the target, or {@code null} when the issuer is the audience (nothing to narrow)
     */
    static List<String> allRegistered(Client client, Resource resource) {
        Set<String> registered = new TreeSet<>(client.scopeNames());
        if (registered.isEmpty()) {
            throw invalid("the client has no registered scopes");
        }
        return List.copyOf(offeredBy(resource, registered, "none of the client's registered scopes"));
    }

    /**
     * Narrows {@code scopes} to the resource's scope catalog.
     *
     * @param what names {@code scopes} in the refusal, e.g. "none of the requested scopes"
     * @throws OAuthException {@code invalid_scope} saying the resource offers none of them
     */
    static Set<String> offeredBy(Resource resource, Set<String> scopes, String what) {
        if (resource == null) {
            return scopes;
        }
        scopes.retainAll(resource.scopeNames());
        if (scopes.isEmpty()) {
            throw invalid("the resource '" + resource.slug() + "' offers " + what);
        }
        return scopes;
    }

    static OAuthException invalid(String description) {
        return new OAuthException(OAuthError.INVALID_SCOPE, description);
    }
}
