package dev.authplane.core.config;

/** Scope matching policy of the client_credentials grant (token step 6, authplane-core README). */
public enum ScopePolicy {
    /** Grant the intersection of requested and registered scopes (the seed's rule). */
    INTERSECTION,
    /** Refuse any requested scope outside the registered set. */
    STRICT
}
