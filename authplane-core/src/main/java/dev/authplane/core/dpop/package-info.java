/**
 * DPoP (RFC 9449) support: the replay-store port that remembers proof {@code jti}s and its
 * in-memory adapter.
 */
package dev.authplane.core.dpop;
