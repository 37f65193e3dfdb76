package dev.authplane.examples.authserver.config;

import dev.authplane.core.config.AuthPlaneConfig;
import dev.authplane.core.config.ClientAuthSettings;
import dev.authplane.core.config.ClientCredentialsSettings;
import dev.authplane.core.config.ClientResourcePolicy;
import dev.authplane.core.config.DPoPSettings;
import dev.authplane.core.config.Durations;
import dev.authplane.core.config.IssuanceSettings;
import dev.authplane.core.config.ScopePolicy;
import dev.authplane.core.config.SecuritySettings;
import dev.authplane.core.config.SigningAlgorithm;
import dev.authplane.core.config.TokenLifecycleSettings;
import dev.authplane.servlet.AuthPlaneServlets;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns a parsed configuration tree (two levels: {@code section -> key -> value}, as a YAML parser
 * returns it) and environment overrides ({@code AUTHPLANE_<SECTION>_<KEY>}, env wins) into an
 * {@link ServerConfig}: the deployment sections stay with the server, the rest becomes core's
 * {@link AuthPlaneConfig}. Unknown sections or keys and invalid values fail with a
 * {@link ConfigException} naming the key, its environment variable and the accepted values.
 *
 * <p>Client-authentication and issuance-throughput settings (defaults in brackets):
 * <ul>
 *   <li>{@code security.max_failed_auth_per_client} [10], {@code security.max_failed_auth_per_address}
 *       [50], {@code security.failed_auth_window} [1m]: failed client authentications allowed per
 *       {@code client_id} from one address and per remote address (IPv6 per /64) in the window;
 *       beyond that, attempts from that address that would need a bcrypt check get
 *       {@code slow_down} (HTTP 429, {@code Retry-After}); other addresses are not slowed. 0 turns
 *       a limit off.</li>
 *   <li>{@code security.client_resources} [any]: {@code listed} makes every client need a resource
 *       list to get tokens.</li>
 *   <li>{@code security.bcrypt_concurrency} [0 = one per CPU core] and {@code security.bcrypt_wait}
 *       [1s]: at most that many bcrypt checks at once; a request that cannot get a slot in time is
 *       answered {@code temporarily_unavailable} (HTTP 503, {@code Retry-After}).</li>
 *   <li>{@code security.verified_secret_cache_size} [10000]: verified credentials remembered as
 *       keyed hashes so that a client's repeat authentications skip bcrypt; 0 turns it off.</li>
 *   <li>{@code client_auth.allow_insecure_jwks_uri} [false], {@code client_auth.accept_token_endpoint_audience}
 *       [false], {@code client_auth.max_assertion_lifetime} [5m]: {@code private_key_jwt} client
 *       authentication (RFC 7523).</li>
 *   <li>{@code storage.group_commit_max_batch} [64] and {@code storage.group_commit_max_wait} [0s,
 *       at most 100ms]: concurrent token requests share one issuance commit of up to that many rows.</li>
 *   <li>{@code revocation.enabled} [true], {@code introspection.enabled} [true]: serve RFC 7009
 *       revocation and RFC 7662 introspection (and list them in the metadata);
 *       {@code revocation.refresh_interval} [5s, at most 5m]: how soon a revocation made on one node
 *       reaches every other node sharing the database.</li>
 * </ul>
 * Each has its {@code AUTHPLANE_<SECTION>_<KEY>} variable, e.g. {@code AUTHPLANE_SECURITY_BCRYPT_WAIT}.
 *
 * <p>Thread-safe and stateless.
 */
public final class ConfigLoader {

    /** Every known setting with its default, as {@code section.key -> default}. */
    private static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

    static {
        DEFAULTS.put("server.issuer", "http://localhost:9000");
        DEFAULTS.put("server.port", "9000");
        DEFAULTS.put("server.bind", "0.0.0.0");
        DEFAULTS.put("server.allow_insecure_issuer", "false");
        DEFAULTS.put("admin.port", "9001");
        DEFAULTS.put("admin.bind", "127.0.0.1");
        DEFAULTS.put("admin.api_key", null);
        DEFAULTS.put("admin.metrics_token", null);
        DEFAULTS.put("storage.url", null);
        DEFAULTS.put("storage.username", null);
        DEFAULTS.put("storage.password", null);
        DEFAULTS.put("storage.group_commit_max_batch",
                String.valueOf(IssuanceSettings.DEFAULT_GROUP_COMMIT_MAX_BATCH));
        DEFAULTS.put("storage.group_commit_max_wait",
                Durations.format(IssuanceSettings.DEFAULT_GROUP_COMMIT_MAX_WAIT));
        DEFAULTS.put("data.dir", "./authplane-data");
        DEFAULTS.put("data.allow_insecure_permissions", "false");
        DEFAULTS.put("client_credentials.enabled", "false");
        DEFAULTS.put("client_credentials.token_expiry", Durations.format(ClientCredentialsSettings.DEFAULT_TOKEN_EXPIRY));
        DEFAULTS.put("client_credentials.max_token_expiry",
                Durations.format(ClientCredentialsSettings.DEFAULT_MAX_TOKEN_EXPIRY));
        DEFAULTS.put("client_credentials.require_resource", "true");
        DEFAULTS.put("client_credentials.scope_policy", "intersection");
        DEFAULTS.put("dpop.enabled", "true");
        DEFAULTS.put("dpop.proof_lifetime", DPoPSettings.defaults().proofLifetime().toSeconds() + "s");
        DEFAULTS.put("dpop.require_nonce", "false");
        DEFAULTS.put("dpop.nonce_key", null);
        DEFAULTS.put("signing.algorithm", AuthPlaneConfig.DEFAULT_SIGNING_ALGORITHM.name());
        DEFAULTS.put("signing.key_encryption_key", null);
        DEFAULTS.put("signing.previous_key_encryption_key", null);
        DEFAULTS.put("signing.crypto_provider", "auto");
        DEFAULTS.put("security.bcrypt_cost", String.valueOf(SecuritySettings.DEFAULT_BCRYPT_COST));
        DEFAULTS.put("security.clock_skew", SecuritySettings.DEFAULT_CLOCK_SKEW.toSeconds() + "s");
        DEFAULTS.put("security.max_failed_auth_per_client",
                String.valueOf(SecuritySettings.DEFAULT_MAX_FAILED_AUTH_PER_CLIENT));
        DEFAULTS.put("security.max_failed_auth_per_address",
                String.valueOf(SecuritySettings.DEFAULT_MAX_FAILED_AUTH_PER_ADDRESS));
        DEFAULTS.put("security.failed_auth_window", Durations.format(SecuritySettings.DEFAULT_FAILED_AUTH_WINDOW));
        DEFAULTS.put("security.bcrypt_concurrency", String.valueOf(SecuritySettings.DEFAULT_BCRYPT_CONCURRENCY));
        DEFAULTS.put("security.bcrypt_wait", Durations.format(SecuritySettings.DEFAULT_BCRYPT_WAIT));
        DEFAULTS.put("security.verified_secret_cache_size",
                String.valueOf(SecuritySettings.DEFAULT_VERIFIED_SECRET_CACHE_SIZE));
        DEFAULTS.put("security.client_resources", "any");
        DEFAULTS.put("client_auth.allow_insecure_jwks_uri", "false");
        DEFAULTS.put("client_auth.accept_token_endpoint_audience", "false");
        DEFAULTS.put("client_auth.max_assertion_lifetime",
                Durations.format(ClientAuthSettings.DEFAULT_MAX_ASSERTION_LIFETIME));
        DEFAULTS.put("revocation.enabled", "true");
        DEFAULTS.put("revocation.refresh_interval",
                Durations.format(TokenLifecycleSettings.DEFAULT_REVOCATION_REFRESH_INTERVAL));
        DEFAULTS.put("introspection.enabled", "true");
    }

    private ConfigLoader() {
    }

    /** The known settings as {@code section.key}, in documentation order. */
    public static Set<String> knownKeys() {
        return java.util.Collections.unmodifiableSet(DEFAULTS.keySet());
    }

    /** Whether {@code issuer} is https, or http on a loopback host (development). */
    public static boolean isSecureIssuer(String issuer) {
        URI uri = URI.create(issuer);
        if ("https".equals(uri.getScheme())) {
            return true;
        }
        return isLoopbackHost(uri.getHost());
    }

    /** The one loopback rule of the server's settings: {@code localhost} (and below it), 127/8, {@code ::1}. */
    public static boolean isLoopbackHost(String host) {
        return host.equals("localhost") || host.endsWith(".localhost") || host.startsWith("127.")
                || host.equals("[::1]") || host.equals("::1");
    }

    /** The environment variable that overrides {@code section.key}, e.g. {@code AUTHPLANE_DPOP_ENABLED}. */
    public static String envName(String dottedKey) {
        return "AUTHPLANE_" + dottedKey.replace('.', '_').toUpperCase(Locale.ROOT);
    }

    /** The default value of {@code section.key} as text, or {@code null} when it has none. */
    public static String defaultValue(String dottedKey) {
        return DEFAULTS.get(dottedKey);
    }

    /**
     * @param tree parsed file contents, {@code section -> (key -> scalar)}; may be empty
     * @param env  environment variables (typically {@link System#getenv()})
     * @throws ConfigException on an unknown key or an invalid value
     */
    public static ServerConfig load(Map<String, ?> tree, Map<String, String> env) {
        Objects.requireNonNull(tree, "tree");
        Objects.requireNonNull(env, "env");
        Values v = new Values(flatten(tree), env);
        ServerConfig.Server server = new ServerConfig.Server(v.port("server.port"), v.text("server.bind"),
                v.bool("server.allow_insecure_issuer"), v.nonceKey("dpop.nonce_key"), v.text("signing.crypto_provider"));
        AuthPlaneConfig core = core(v);
        if (!server.allowInsecureIssuer() && !isSecureIssuer(core.issuer())) {
            throw v.invalid("server.issuer", "an https URL (an http issuer is accepted only on a loopback host such as"
                    + " localhost; set server.allow_insecure_issuer: true or " + envName("server.allow_insecure_issuer")
                    + "=true to accept it anyway)");
        }
        String previousKek = v.aesKey("signing.previous_key_encryption_key");
        String kek = v.aesKey("signing.key_encryption_key");
        if (previousKek != null && kek == null) {
            throw v.invalid("signing.previous_key_encryption_key", "set together with signing.key_encryption_key"
                    + " (the new key that replaces it)");
        }
        return new ServerConfig(server,
                new ServerConfig.Admin(v.port("admin.port"), v.text("admin.bind"), v.adminKey("admin.api_key"),
                        v.adminKey("admin.metrics_token")),
                new ServerConfig.Storage(v.jdbcUrl("storage.url"), v.text("storage.username"),
                        v.text("storage.password"), v.path("data.dir"), kek, previousKek,
                        v.bool("data.allow_insecure_permissions")),
                core);
    }

    private static AuthPlaneConfig core(Values v) {
        return new AuthPlaneConfig(v.issuer("server.issuer"), clientCredentials(v),
                new DPoPSettings(v.bool("dpop.enabled"),
                        v.duration("dpop.proof_lifetime", Duration.ofSeconds(1), Duration.ofMinutes(10)),
                        v.bool("dpop.require_nonce")),
                v.choice("signing.algorithm", SigningAlgorithm.class),
                security(v),
                new IssuanceSettings(v.integer("storage.group_commit_max_batch", 1, 10_000),
                        v.duration("storage.group_commit_max_wait", Duration.ZERO, Duration.ofMillis(100))),
                new ClientAuthSettings(v.bool("client_auth.allow_insecure_jwks_uri"),
                        v.bool("client_auth.accept_token_endpoint_audience"),
                        v.duration("client_auth.max_assertion_lifetime", Duration.ofSeconds(10), Duration.ofHours(1))),
                new TokenLifecycleSettings(v.bool("revocation.enabled"), v.bool("introspection.enabled"),
                        v.duration("revocation.refresh_interval", Duration.ZERO, Duration.ofMinutes(5))),
                null);
    }

    private static ClientCredentialsSettings clientCredentials(Values v) {
        Duration longest = v.duration("client_credentials.max_token_expiry", ClientCredentialsSettings.MIN_TOKEN_EXPIRY,
                Duration.ofDays(1));
        Duration expiry = v.duration("client_credentials.token_expiry", ClientCredentialsSettings.MIN_TOKEN_EXPIRY,
                longest);
        return new ClientCredentialsSettings(v.bool("client_credentials.enabled"), expiry,
                v.bool("client_credentials.require_resource"),
                v.choice("client_credentials.scope_policy", ScopePolicy.class),
                "enable it with client_credentials.enabled: true or " + envName("client_credentials.enabled") + "=true",
                longest);
    }

    private static SecuritySettings security(Values v) {
        return new SecuritySettings(v.integer("security.bcrypt_cost", 4, 31),
                v.duration("security.clock_skew", Duration.ZERO, Duration.ofMinutes(10)),
                v.integer("security.max_failed_auth_per_client", 0, 1_000_000),
                v.integer("security.max_failed_auth_per_address", 0, 1_000_000),
                v.duration("security.failed_auth_window", Duration.ofSeconds(1), Duration.ofDays(1)),
                v.integer("security.bcrypt_concurrency", 0, 1024),
                v.duration("security.bcrypt_wait", Duration.ZERO, Duration.ofMinutes(1)),
                v.integer("security.verified_secret_cache_size", 0, 10_000_000),
                v.choice("security.client_resources", ClientResourcePolicy.class));
    }

    private static Map<String, String> flatten(Map<String, ?> tree) {
        Map<String, String> flat = new LinkedHashMap<>();
        for (Map.Entry<String, ?> section : tree.entrySet()) {
            if (!(section.getValue() instanceof Map<?, ?> keys)) {
                if (section.getValue() == null) {
                    continue;
                }
                throw new ConfigException("configuration section '" + section.getKey()
                        + "' must be a mapping of keys; known sections: " + knownSections());
            }
            for (Map.Entry<?, ?> e : keys.entrySet()) {
                String dotted = section.getKey() + "." + e.getKey();
                if (!DEFAULTS.containsKey(dotted)) {
                    throw new ConfigException("unknown configuration key '" + dotted + "'; known keys: "
                            + String.join(", ", DEFAULTS.keySet()));
                }
                Object value = e.getValue();
                if (value instanceof Map || value instanceof Iterable) {
                    throw new ConfigException("configuration key '" + dotted + "' takes a single value");
                }
                flat.put(dotted, value == null ? null : String.valueOf(value));
            }
        }
        return flat;
    }

    private static Set<String> knownSections() {
        Set<String> sections = new TreeSet<>();
        DEFAULTS.keySet().forEach(k -> sections.add(k.substring(0, k.indexOf('.'))));
        return sections;
    }

    /** Resolves one key: environment, then file, then default; and converts it. */
    private static final class Values {
        private final Map<String, String> file;
        private final Map<String, String> env;

        Values(Map<String, String> file, Map<String, String> env) {
            this.file = file;
            this.env = env;
        }

        String raw(String key) {
            String fromEnv = env.get(envName(key));
            if (fromEnv != null && !fromEnv.isEmpty()) {
                return fromEnv.strip();
            }
            if (file.containsKey(key)) {
                String fromFile = file.get(key);
                return fromFile == null || fromFile.isBlank() ? null : fromFile.strip();
            }
            return DEFAULTS.get(key);
        }

        ConfigException invalid(String key, String accepted) {
            return new ConfigException("invalid value for " + key + " (env " + envName(key) + "): expected "
                    + accepted);
        }

        String text(String key) {
            return raw(key);
        }

        String adminKey(String key) {
            String s = raw(key);
            if (s != null) {
                AuthPlaneServlets.adminKeyProblem(s).ifPresent(problem -> {
                    throw invalid(key, "a key of at least 22 characters with some variety: " + problem);
                });
            }
            return s;
        }

        String nonceKey(String key) {
            String s = raw(key);
            if (s == null) {
                return null;
            }
            try {
                if (java.util.Base64.getDecoder().decode(s).length >= 32) {
                    return s;
                }
            } catch (IllegalArgumentException e) {
                // reported below without echoing the value
            }
            throw invalid(key, "the base64 encoding of at least 32 random bytes (openssl rand -base64 32)");
        }

        String aesKey(String key) {
            String s = raw(key);
            if (s == null) {
                return null;
            }
            try {
                int length = java.util.Base64.getDecoder().decode(s).length;
                if (length == 16 || length == 24 || length == 32) {
                    return s;
                }
            } catch (IllegalArgumentException e) {
                // reported below
            }
            throw invalid(key, "a base64-encoded AES key of 16, 24 or 32 bytes (e.g. openssl rand -base64 32)");
        }

        boolean bool(String key) {
            String s = raw(key).toLowerCase(Locale.ROOT);
            return switch (s) {
                case "true", "yes", "on", "1" -> true;
                case "false", "no", "off", "0" -> false;
                default -> throw invalid(key, "true or false");
            };
        }

        int integer(String key, int min, int max) {
            try {
                int n = Integer.parseInt(raw(key));
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw invalid(key, "a whole number from " + min + " to " + max);
        }

        int port(String key) {
            return integer(key, 0, 65535);
        }

        Duration duration(String key, Duration min, Duration max) {
            try {
                Duration d = Durations.parse(raw(key));
                if (d.compareTo(min) >= 0 && d.compareTo(max) <= 0) {
                    return d;
                }
            } catch (IllegalArgumentException e) {
                // reported below
            }
            throw invalid(key, "a duration from " + Durations.format(min) + " to " + Durations.format(max)
                    + " such as 90s, 15m or 1h");
        }

        <E extends Enum<E>> E choice(String key, Class<E> type) {
            String s = raw(key);
            for (E e : type.getEnumConstants()) {
                if (e.name().equalsIgnoreCase(s)) {
                    return e;
                }
            }
            StringBuilder accepted = new StringBuilder("one of");
            for (E e : type.getEnumConstants()) {
                accepted.append(' ').append(key.startsWith("signing") ? e.name() : e.name().toLowerCase(Locale.ROOT));
            }
            throw invalid(key, accepted.toString());
        }

        String issuer(String key) {
            String s = raw(key);
            if (AuthPlaneConfig.isValidIssuer(s)) {
                return s;
            }
            throw invalid(key, "an absolute http(s) URL without trailing slash, query or fragment,"
                    + " e.g. https://auth.example.com");
        }

        String jdbcUrl(String key) {
            String s = raw(key);
            if (s != null && !s.startsWith("jdbc:")) {
                throw invalid(key, "a JDBC URL such as jdbc:postgresql://localhost:5432/authplane");
            }
            return s;
        }

        Path path(String key) {
            try {
                return Path.of(raw(key));
            } catch (RuntimeException e) {
                throw invalid(key, "a directory path");
            }
        }
    }
}
