package dev.authplane.examples.authserver.config;

import dev.authplane.core.config.AuthPlaneConfig;

import java.nio.file.Path;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The runnable server's whole configuration (the README's Configuration section): its deployment
 * settings (listening addresses, admin API, database, data directory) and the core settings it
 * hands to {@code AuthPlane}. Built by {@link ConfigLoader} from YAML and {@code AUTHPLANE_*}
 * variables. Immutable; {@link #toString()} hides every secret.
 *
 * @param server    public side: listening port and address (the issuer is {@code core.issuer()})
 * @param admin     admin API: port, bind address, API key
 * @param storage   database location, credentials and key-encryption key, data directory
 * @param core      what core needs: issuer, grant, DPoP, signing, security, issuance commits
 */
public record ServerConfig(Server server, Admin admin, Storage storage, AuthPlaneConfig core) {

    public ServerConfig {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(core, "core");
    }

    /** The issuer, {@code server.issuer}. */
    public String issuer() {
        return core.issuer();
    }

    /**
     * @param port                listening port of the public endpoints
     * @param bind                their address
     * @param allowInsecureIssuer accept an {@code http://} issuer whose host is not loopback
     * @param dpopNonceKey        base64 HMAC key (at least 32 bytes) of the DPoP server nonces, shared
     *                            by the nodes of a cluster, or {@code null} for a per-process key
     * @param cryptoProvider      {@code signing.crypto_provider}: {@code auto}, {@code jdk} or a JCA
     *                            provider's name, chosen at start-up by authplane-crypto
     */
    public record Server(int port, String bind, boolean allowInsecureIssuer, String dpopNonceKey,
                         String cryptoProvider) {
        public Server {
            Objects.requireNonNull(bind, "bind");
            Objects.requireNonNull(cryptoProvider, "cryptoProvider");
        }

        /** The nonce key's bytes, if one is configured. */
        public Optional<byte[]> dpopNonceKeyBytes() {
            return Optional.ofNullable(dpopNonceKey).map(k -> Base64.getDecoder().decode(k));
        }

        @Override
        public String toString() {
            return "Server[port=" + port + ", bind=" + bind + ", allowInsecureIssuer=" + allowInsecureIssuer
                    + ", dpopNonceKey=" + (dpopNonceKey == null ? "unset" : "***") + ", cryptoProvider=" + cryptoProvider
                    + "]";
        }
    }

    /**
     * @param port         admin API port
     * @param bind         its address
     * @param apiKey       its bearer key, or {@code null}
     * @param metricsToken the read-only bearer token of {@code GET /metrics}, or {@code null}
     */
    public record Admin(int port, String bind, String apiKey, String metricsToken) {
        public Optional<String> apiKeyIfSet() {
            return Optional.ofNullable(apiKey);
        }

        @Override
        public String toString() {
            return "Admin[port=" + port + ", bind=" + bind + ", apiKey=" + (apiKey == null ? "unset" : "***")
                    + ", metricsToken=" + (metricsToken == null ? "unset" : "***") + "]";
        }
    }

    /**
     * @param url              JDBC URL, or {@code null} for the embedded H2 file database under {@code dataDir}
     * @param username         database user, or {@code null}
     * @param password         database password, or {@code null}; never printed
     * @param dataDir          directory of the embedded database and the generated admin key
     * @param keyEncryptionKey base64 AES key encrypting private signing keys at rest, or {@code null}
     * @param previousKeyEncryptionKey the key-encryption key being replaced, or {@code null}: keys
     *                         wrapped with it are re-wrapped with {@code keyEncryptionKey} at start-up
     * @param allowInsecurePermissions start even when the data directory or its files are readable by others
     */
    public record Storage(String url, String username, String password, Path dataDir, String keyEncryptionKey,
                          String previousKeyEncryptionKey, boolean allowInsecurePermissions) {

        private static final Pattern URL_CREDENTIAL = Pattern.compile(
                "(?i)([?&;](?:password|pwd)=)[^&;]*|(?<=//)[^/@?;]*:[^/@?;]*(?=@)");

        @Override
        public String toString() {
            return "Storage[url=" + redactedUrl(url) + ", username=" + username + ", dataDir=" + dataDir
                    + ", keyEncryptionKey=" + (keyEncryptionKey == null ? "unset" : "***") + ", previousKeyEncryptionKey="
                    + (previousKeyEncryptionKey == null ? "unset" : "***") + ", allowInsecurePermissions="
                    + allowInsecurePermissions + "]";
        }

        private static String redactedUrl(String url) {
            return url == null ? null : URL_CREDENTIAL.matcher(url).replaceAll("$1***");
        }
    }
}
