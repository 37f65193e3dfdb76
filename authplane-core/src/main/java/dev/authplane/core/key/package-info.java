/**
 * Signing keys: generation, rotation with retention, the public JWKS view, the repository port and
 * the in-memory adapter.
 */
package dev.authplane.core.key;
