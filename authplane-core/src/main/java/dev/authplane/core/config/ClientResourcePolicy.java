package dev.authplane.core.config;

/**
 * Which resources a client may request tokens for ({@code security.client_resources}, token step 5,
 * authplane-core README). A client with a resource list is always held to it.
 */
public enum ClientResourcePolicy {
    /** A client without a resource list may ask for any registered resource (the seed's rule). */
    ANY,
    /** Every client needs a resource list; a client without one gets no token at all. */
    LISTED
}
