/**
 * DPoP (RFC 9449): the {@link dev.authplane.core.dpop.DPoPProofVerifier}, reusable at a token
 * endpoint and at a resource server, stateless HMAC server nonces
 * ({@link dev.authplane.core.dpop.DPoPNonces}), the replay-store port and its in-memory adapter.
 */
package dev.authplane.core.dpop;
