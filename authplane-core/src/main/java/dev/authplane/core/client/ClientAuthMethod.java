package dev.authplane.core.client;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How a confidential client authenticates at the token endpoint: with a secret (RFC 6749 §2.3.1)
 * or with a JWT signed by its own private key (RFC 7523 §2.2), and which presentations a
 * registered method accepts ({@link #accepts}).
 */
public enum ClientAuthMethod {
    /** {@code client_id} and {@code client_secret} in the form body. */
    CLIENT_SECRET_POST("client_secret_post"),
    /** HTTP Basic with form-url-encoded {@code client_id:client_secret}. */
    CLIENT_SECRET_BASIC("client_secret_basic"),
    /** A signed JWT in {@code client_assertion} (RFC 7523 §2.2); the server stores public keys only. */
    PRIVATE_KEY_JWT("private_key_jwt");

    private final String value;

    ClientAuthMethod(String value) {
        this.value = value;
    }

    /**
     * Whether a client registered with this method may authenticate with {@code presented}.
     * OAuth 2.1 §2.4.1 (RFC 6749 §2.3.1) requires HTTP Basic for every client issued a secret, so a
     * {@code client_secret_post} client accepts Basic as well as body credentials, while a
     * {@code client_secret_basic} client accepts Basic only. A {@code private_key_jwt} client has no
     * secret and accepts nothing but its assertions.
     */
    public boolean accepts(ClientAuthMethod presented) {
        if (this == PRIVATE_KEY_JWT || presented == PRIVATE_KEY_JWT) {
            return presented == this;
        }
        return presented == this || presented == CLIENT_SECRET_BASIC;
    }

    /** Whether a client registered with this method has a secret (stored as its bcrypt hash). */
    public boolean usesSecret() {
        return this != PRIVATE_KEY_JWT;
    }

    /** The registered name, e.g. {@code client_secret_post}. */
    public String value() {
        return value;
    }

    /**
     * @throws IllegalArgumentException naming the accepted values when {@code value} is unknown
     */
    public static ClientAuthMethod fromValue(String value) {
        for (ClientAuthMethod m : values()) {
            if (m.value.equals(value)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unsupported token endpoint auth method '" + value
                + "'; accepted: " + Arrays.stream(values()).map(ClientAuthMethod::value)
                .collect(Collectors.joining(", ")));
    }
}
