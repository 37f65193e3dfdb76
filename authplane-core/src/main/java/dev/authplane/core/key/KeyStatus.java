package dev.authplane.core.key;

/**
 * Lifecycle of a signing key: {@code ACTIVE} signs new tokens (at most one at a time),
 * {@code RETIRED} only stays published in the JWKS until every token it signed has expired;
 * after that it is removed from the store.
 */
public enum KeyStatus {
    ACTIVE,
    RETIRED
}
