package dev.authplane.core.audit;

import java.util.Objects;

/**
 * Who made an administrative change, as the admin audit trail records it.
 *
 * @param credential    names the admin credential, never the credential itself: e.g.
 *                      {@code admin-key:3f9a0c1d} (a fingerprint of the admin API key), or
 *                      {@code embedded} for calls of an embedding application
 * @param remoteAddress the request's remote address, or {@code null} when there was no request
 */
public record AdminActor(String credential, String remoteAddress) {

    /** Calls the embedding application makes itself, not through an admin API. */
    public static final AdminActor EMBEDDED = new AdminActor("embedded", null);

    public AdminActor {
        Objects.requireNonNull(credential, "credential");
        if (credential.isBlank() || credential.length() > 100) {
            throw new IllegalArgumentException("an admin credential name has 1 to 100 characters");
        }
        if (remoteAddress != null && remoteAddress.length() > 100) {
            throw new IllegalArgumentException("a remote address has at most 100 characters");
        }
    }
}
