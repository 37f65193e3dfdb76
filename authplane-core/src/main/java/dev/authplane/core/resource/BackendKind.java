package dev.authplane.core.resource;

/**
 * How tokens for a resource are produced. This server mints its own tokens ({@link #MINT}); other
 * kinds known to AuthPlane's wider family (brokering upstream tokens) are refused by name.
 */
public enum BackendKind {
    MINT("mint");

    private final String value;

    BackendKind(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    /** @throws IllegalArgumentException with a message saying only {@code mint} is supported */
    public static BackendKind fromValue(String value) {
        if (MINT.value.equals(value)) {
            return MINT;
        }
        throw new IllegalArgumentException("backend kind '" + value
                + "' is not supported: this server mints its own tokens, use --backend-kind mint");
    }
}
