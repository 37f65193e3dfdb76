package dev.authplane.core.client;

/** Grant type names used in client registrations and token requests. */
public final class GrantTypes {

    /** RFC 6749 §4.4. */
    public static final String CLIENT_CREDENTIALS = "client_credentials";

    private GrantTypes() {
    }
}
