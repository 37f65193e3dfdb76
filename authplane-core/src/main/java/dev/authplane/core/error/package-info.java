/**
 * The foundation of core: the OAuth error vocabulary. {@link dev.authplane.core.error.OAuthError}
 * is the closed set of RFC 6749 / RFC 9449 error codes and
 * {@link dev.authplane.core.error.OAuthException} carries one with a description; every core
 * package may throw it, and only a transport adapter maps it to a status and a body.
 */
package dev.authplane.core.error;
