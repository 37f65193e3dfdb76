/**
 * Registered OAuth clients: the {@link dev.authplane.core.client.Client} aggregate, its
 * repository port and the in-memory adapter, and client authentication.
 */
package dev.authplane.core.client;
