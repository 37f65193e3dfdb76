/**
 * Scopes: the {@link dev.authplane.core.scope.ScopeDefinition} value type and the
 * {@link dev.authplane.core.scope.ScopeResolver} port that decides which scopes a token request is
 * granted, with the two shipped policies ({@code intersection}, the default, and {@code strict}).
 */
package dev.authplane.core.scope;
