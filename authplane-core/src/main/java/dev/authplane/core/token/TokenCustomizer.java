package dev.authplane.core.token;

/**
 * Hook that lets an embedder add claims to every access token without forking the minter (the
 * idea of Spring Authorization Server's {@code OAuth2TokenCustomizer}).
 *
 * <p>It runs once per token, before signing, on the request thread. It may add claims through
 * {@link TokenContext#claim(String, Object)} but can never change the claims the server owns
 * ({@link TokenContext#RESERVED_CLAIMS}). If it throws, no token is issued and the client gets
 * {@code server_error}. Implementations must be thread-safe and should not block.
 */
@FunctionalInterface
public interface TokenCustomizer {

    /** A customizer that adds nothing. */
    TokenCustomizer NONE = context -> {
    };

    /** Adds claims to the token described by {@code context}. */
    void customize(TokenContext context);
}
