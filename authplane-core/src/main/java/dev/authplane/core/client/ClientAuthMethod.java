package dev.authplane.core.client;

import java.util.Arrays;
import java.util.stream.Collectors;

/** How a confidential client presents its secret at the token endpoint (RFC 6749 §2.3.1). */
public enum ClientAuthMethod {
    /** {@code client_id} and {@code client_secret} in the form body. */
    CLIENT_SECRET_POST("client_secret_post"),
    /** HTTP Basic with form-url-encoded {@code client_id:client_secret}. */
    CLIENT_SECRET_BASIC("client_secret_basic");

    private final String value;

    ClientAuthMethod(String value) {
        this.value = value;
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
