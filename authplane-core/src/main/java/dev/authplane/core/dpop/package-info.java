/**
 * The token endpoint's DPoP server nonces ({@link dev.authplane.core.dpop.DPoPNonces}, RFC 9449 §8).
 * Proof checking itself, the replay-store port and its in-memory adapter live in the shared
 * {@code authplane-dpop} module ({@code dev.authplane.dpop}), which the MCP verifier uses too.
 */
package dev.authplane.core.dpop;
