/**
 * The token endpoint's logic: {@link dev.authplane.core.token.TokenService} (RFC 6749 §4.4 with
 * RFC 8707 and RFC 9449), scope resolution ({@link dev.authplane.core.token.ScopeResolver} and its
 * two shipped policies, {@code intersection}, the default, and {@code strict}), the RFC 9068 minter
 * (package-private; embedders extend it through the {@link dev.authplane.core.token.TokenCustomizer}
 * hook), and the request and response types ({@link dev.authplane.core.token.TokenRequest},
 * {@link dev.authplane.core.token.IssuedToken}) shared with the transport.
 */
package dev.authplane.core.token;
