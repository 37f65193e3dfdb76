package dev.authplane.core.support;

/**
 * Source of the random identifiers and secrets core hands out. Injected so that tests can make it
 * predictable; the production implementation draws from a {@link java.security.SecureRandom}.
 *
 * <p>All values use only RFC 3986 unreserved characters (base64url without padding), so they can
 * be pasted into a form body or URL without encoding. Thread-safe.
 */
public interface IdGenerator {

    /** A new {@code client_id}. */
    String newClientId();

    /**
     * Whether {@code value} has the form of the client ids this generator hands out, so that a
     * client <em>name</em> of that form could be mistaken for a {@code client_id}; the admin service
     * refuses such names. The default matches {@link SecureRandomIdGenerator}'s ids: 22 base64url
     * characters with at least one upper-case letter or digit (a random id lacks both with odds
     * of one in ten million, while human names such as {@code backend-worker-nightly} stay allowed).
     */
    default boolean couldBeClientId(String value) {
        return value.length() == 22 && value.chars().allMatch(IdGenerator::isBase64Url)
                && value.chars().anyMatch(c -> (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'));
    }

    /** A new client secret with at least 256 random bits. */
    String newClientSecret();

    /**
     * A new token id ({@code jti}) with at least 128 random bits. Implementations may lead with the
     * time of issue so that successive ids sort together (cheaper inserts into the issuance table's
     * unique index); the id is never a secret.
     */
    String newTokenId();

    /** A new signing key id. */
    String newKeyId();

    /** A new resource id. */
    String newResourceId();

    /** {@code bytes} random bytes encoded as base64url without padding. */
    String randomToken(int bytes);

    private static boolean isBase64Url(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }
}
