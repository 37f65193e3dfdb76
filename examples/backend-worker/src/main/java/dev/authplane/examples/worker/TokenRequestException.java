package dev.authplane.examples.worker;

/**
 * The token endpoint refused the request or could not be reached. The message is one line meant
 * for an operator (the OAuth {@code error} and {@code error_description}, or the network failure);
 * it never contains the client secret or a token.
 */
public final class TokenRequestException extends RuntimeException {

    public TokenRequestException(String message) {
        super(message, null, false, false);
    }
}
