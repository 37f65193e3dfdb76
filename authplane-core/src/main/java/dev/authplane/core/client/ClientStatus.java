package dev.authplane.core.client;

/** Lifecycle of a client: a disabled client cannot obtain tokens but keeps its registration. */
public enum ClientStatus {
    ACTIVE,
    DISABLED
}
