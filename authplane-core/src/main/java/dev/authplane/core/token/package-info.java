/**
 * The token endpoint's logic: {@link dev.authplane.core.token.TokenService} (SPEC §2 steps 2-9),
 * the RFC 9068 minter {@link dev.authplane.core.token.MintIssuer} with its
 * {@link dev.authplane.core.token.TokenCustomizer} hook, and the request, response and error types
 * ({@link dev.authplane.core.token.TokenRequest}, {@link dev.authplane.core.token.IssuedToken},
 * {@link dev.authplane.core.token.OAuthException}) shared with the transport.
 */
package dev.authplane.core.token;
