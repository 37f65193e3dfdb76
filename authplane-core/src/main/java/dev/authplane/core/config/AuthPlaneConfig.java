package dev.authplane.core.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.Provider;
import java.util.Objects;

/**
 * What core needs to know, per concern, built in code: the issuer and the settings of the grant,
 * DPoP, token signing, client-authentication security, signed-JWT client authentication, issuance
 * commits and the revocation and introspection endpoints. Immutable. Start from
 * {@link #defaults(String)} and use the {@code with…} methods; a front end (the runnable server's
 * YAML and environment loader, a Spring Boot binding) builds one from its own keys. Deployment
 * settings (ports, database, data directory, admin key) are not core's and live with the server.
 *
 * @param issuer            the {@code iss} of every token: an absolute http(s) URL without
 *                          trailing slash, query or fragment
 * @param clientCredentials the client_credentials grant
 * @param dpop              DPoP at the token endpoint
 * @param signingAlgorithm  JWS algorithm of access tokens
 * @param security          hashing cost, clock skew, throttling, bcrypt pool, verified-secret cache
 * @param issuance          issuance group commit
 * @param clientAuth        {@code private_key_jwt} client authentication
 * @param lifecycle         the revocation and introspection endpoints
 * @param cryptoProvider    the JCA provider of every signature (tokens signed, client assertions, DPoP
 *                          proofs and introspected tokens verified), or {@code null} for the JDK's providers
 */
public record AuthPlaneConfig(String issuer, ClientCredentialsSettings clientCredentials, DPoPSettings dpop,
                              SigningAlgorithm signingAlgorithm, SecuritySettings security, IssuanceSettings issuance,
                              ClientAuthSettings clientAuth, TokenLifecycleSettings lifecycle,
                              Provider cryptoProvider) {

    /** The token endpoint's path below the issuer. */
    public static final String TOKEN_PATH = "/oauth/token";
    /** The JWKS path below the issuer. */
    public static final String JWKS_PATH = "/.well-known/jwks.json";
    /** Default {@link #signingAlgorithm()}. */
    public static final SigningAlgorithm DEFAULT_SIGNING_ALGORITHM = SigningAlgorithm.ES256;

    public AuthPlaneConfig {
        if (!isValidIssuer(issuer)) {
            throw new IllegalArgumentException("issuer must be an absolute http(s) URL without trailing slash,"
                    + " query or fragment, e.g. https://auth.example.com");
        }
        Objects.requireNonNull(clientCredentials, "clientCredentials");
        Objects.requireNonNull(dpop, "dpop");
        Objects.requireNonNull(signingAlgorithm, "signingAlgorithm");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(issuance, "issuance");
        Objects.requireNonNull(clientAuth, "clientAuth");
        Objects.requireNonNull(lifecycle, "lifecycle");
    }

    /** Every setting at its default for {@code issuer} (the grant disabled, as the seed says). */
    public static AuthPlaneConfig defaults(String issuer) {
        return new AuthPlaneConfig(issuer, ClientCredentialsSettings.defaults(), DPoPSettings.defaults(),
                DEFAULT_SIGNING_ALGORITHM, SecuritySettings.defaults(), IssuanceSettings.defaults(),
                ClientAuthSettings.defaults(), TokenLifecycleSettings.defaults(), null);
    }

    /** The one rule for an issuer identifier; front ends check it to word their own error. */
    public static boolean isValidIssuer(String issuer) {
        if (issuer == null) {
            return false;
        }
        try {
            URI u = new URI(issuer);
            return ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null
                    && u.getRawQuery() == null && u.getRawFragment() == null && u.getRawUserInfo() == null
                    && !issuer.endsWith("/");
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** The token endpoint's public URL: the issuer plus {@value #TOKEN_PATH}. Used as DPoP {@code htu}. */
    public String tokenEndpoint() {
        return issuer + TOKEN_PATH;
    }

    /** The JWKS URL: the issuer plus {@value #JWKS_PATH}. */
    public String jwksUri() {
        return issuer + JWKS_PATH;
    }

    public AuthPlaneConfig withClientCredentials(ClientCredentialsSettings clientCredentials) {
        return new AuthPlaneConfig(issuer, clientCredentials, dpop, signingAlgorithm, security, issuance, clientAuth,
                lifecycle, cryptoProvider);
    }

    public AuthPlaneConfig withDpop(DPoPSettings dpop) {
        return new AuthPlaneConfig(issuer, clientCredentials, dpop, signingAlgorithm, security, issuance, clientAuth,
                lifecycle, cryptoProvider);
    }

    public AuthPlaneConfig withSigningAlgorithm(SigningAlgorithm signingAlgorithm) {
        return new AuthPlaneConfig(issuer, clientCredentials, dpop, signingAlgorithm, security, issuance, clientAuth,
                lifecycle, cryptoProvider);
    }

    public AuthPlaneConfig withSecurity(SecuritySettings security) {
        return new AuthPlaneConfig(issuer, clientCredentials, dpop, signingAlgorithm, security, issuance, clientAuth,
                lifecycle, cryptoProvider);
    }

    public AuthPlaneConfig withIssuance(IssuanceSettings issuance) {
        return new AuthPlaneConfig(issuer, clientCredentials, dpop, signingAlgorithm, security, issuance, clientAuth,
                lifecycle, cryptoProvider);
    }

    public AuthPlaneConfig withClientAuth(ClientAuthSettings clientAuth) {
        return new AuthPlaneConfig(issuer, clientCredentials, dpop, signingAlgorithm, security, issuance, clientAuth,
                lifecycle, cryptoProvider);
    }

    /**
     * This configuration with {@code cryptoProvider} signing tokens and verifying client assertions,
     * DPoP proofs and introspected tokens, e.g. a native provider chosen by authplane-crypto's
     * {@code CryptoProviders}; {@code null} uses the JDK's providers.
     */
    public AuthPlaneConfig withCryptoProvider(Provider cryptoProvider) {
        return new AuthPlaneConfig(issuer, clientCredentials, dpop, signingAlgorithm, security, issuance, clientAuth,
                lifecycle, cryptoProvider);
    }

    public AuthPlaneConfig withLifecycle(TokenLifecycleSettings lifecycle) {
        return new AuthPlaneConfig(issuer, clientCredentials, dpop, signingAlgorithm, security, issuance, clientAuth,
                lifecycle, cryptoProvider);
    }
}
