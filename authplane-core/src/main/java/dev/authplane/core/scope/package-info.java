/**
 * The scope vocabulary: {@link dev.authplane.core.scope.ScopeDefinition}, a scope name with an
 * optional description, as registered for clients and resources. Which scopes a token request is
 * granted is decided in {@code dev.authplane.core.token} ({@code ScopeResolver}).
 */
package dev.authplane.core.scope;
