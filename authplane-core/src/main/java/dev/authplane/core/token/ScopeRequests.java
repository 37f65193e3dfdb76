package dev.authplane.core.token;

import dev.authplane.core.client.Client;
import dev.authplane.core.error.OAuthError;
import dev.authplane.core.error.OAuthException;
import dev.authplane.core.scope.ScopeDefinition;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Parsing and error helpers shared by the shipped scope resolvers. */
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

    /** All of the client's registered scopes, sorted; refused when there are none. */
    static List<String> allRegistered(Client client) {
        Set<String> registered = new TreeSet<>(client.scopeNames());
        if (registered.isEmpty()) {
            throw invalid("the client has no registered scopes");
        }
        return List.copyOf(registered);
    }

    static OAuthException invalid(String description) {
        return new OAuthException(OAuthError.INVALID_SCOPE, description);
    }
}
