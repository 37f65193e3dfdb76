package dev.authplane.benchmarks.server;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Settings of one benchmark server process, from {@code key=value} arguments.
 *
 * @param port            loopback port to listen on; 0 picks a free one
 * @param jdbcUrl         a {@code jdbc:postgresql:} URL, or {@code null} for the durable H2 file store under {@code dataDir}
 * @param dataDir         directory of the H2 file store
 * @param clients         how many clients to register (each request rotates through them)
 * @param bcryptCost      bcrypt cost of the client secrets
 * @param bodies          file that receives one urlencoded token request body per client
 * @param assertions      {@code private_key_jwt} clients too: their key algorithm, how many signed
 *                        request bodies to write and where; {@code null} for secret clients only
 * @param lifecycle       serve the revocation and introspection endpoints (the default) or not
 * @param introspect      write introspection request bodies (a token of each client, asked about by
 *                        an introspecting client) instead of token request bodies
 * @param metrics         record every outcome with the Micrometer binding in a Prometheus registry,
 *                        scraped once a second as a Prometheus server would (default off)
 * @param cryptoProvider  {@code jdk} (the default: the JDK's providers, the baseline figures) or
 *                        {@code auto} (the native provider where it works), as {@code signing.crypto_provider}
 */
public record ServerOptions(int port, String jdbcUrl, Path dataDir, int clients, int bcryptCost, Path bodies,
                            AssertionOptions assertions, boolean lifecycle, boolean introspect, boolean metrics,
                            String cryptoProvider) {

    /** Default number of clients whose credentials the load generator rotates through. */
    public static final int DEFAULT_CLIENTS = 16;
    /** Default bcrypt cost: Spring Security's {@code BCryptPasswordEncoder} default, so the peer is not slowed. */
    public static final int DEFAULT_BCRYPT_COST = 10;

    /**
     * The {@code private_key_jwt} clients of a run: as many as the secret clients, each with its own
     * key, and {@code count} token request bodies, each with a fresh assertion (a {@code jti} is
     * accepted once), one per line of {@code bodies}.
     *
     * @param keyAlgorithm {@code ES256} (P-256 keys) or {@code RS256} (2048-bit RSA keys)
     */
    public record AssertionOptions(String keyAlgorithm, int count, Path bodies) {
        public AssertionOptions {
            Objects.requireNonNull(bodies, "assertion-bodies");
            if (!Set.of("ES256", "RS256").contains(keyAlgorithm) || count < 1) {
                throw new IllegalArgumentException("key-alg ES256 or RS256, assertions >= 1");
            }
        }
    }

    public ServerOptions {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(bodies, "bodies");
        if (port < 0 || port > 65535 || clients < 1 || bcryptCost < 4 || bcryptCost > 31) {
            throw new IllegalArgumentException("port 0-65535, clients >= 1, bcrypt-cost 4-31");
        }
        if (introspect && (!lifecycle || assertions != null)) {
            throw new IllegalArgumentException("introspect=true needs lifecycle=on and no private_key_jwt clients");
        }
    }

    /**
     * Parses {@code port= data-dir= bodies= [jdbc-url=] [clients=] [bcrypt-cost=]
     * [key-alg= assertions= assertion-bodies=] [lifecycle=on|off] [introspect=true] [metrics=on|off]
     * [crypto-provider=jdk|auto]}.
     *
     * @throws IllegalArgumentException on an unknown or missing argument
     */
    public static ServerOptions parse(String... args) {
        Map<String, String> values = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected key=value, got '" + arg + "'");
            }
            values.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        AssertionOptions assertions = values.containsKey("key-alg")
                ? new AssertionOptions(values.remove("key-alg"), Integer.parseInt(required(values, "assertions")),
                        Path.of(required(values, "assertion-bodies")))
                : null;
        ServerOptions options = new ServerOptions(Integer.parseInt(required(values, "port")), values.remove("jdbc-url"),
                Path.of(required(values, "data-dir")),
                Integer.parseInt(optional(values, "clients", DEFAULT_CLIENTS)),
                Integer.parseInt(optional(values, "bcrypt-cost", DEFAULT_BCRYPT_COST)),
                Path.of(required(values, "bodies")), assertions,
                !"off".equals(values.remove("lifecycle")), "true".equals(values.remove("introspect")),
                "on".equals(values.remove("metrics")), values.getOrDefault("crypto-provider", "jdk"));
        values.remove("crypto-provider");
        if (!values.isEmpty()) {
            throw new IllegalArgumentException("unknown arguments: " + values.keySet());
        }
        return options;
    }

    private static String optional(Map<String, String> values, String key, int fallback) {
        String value = values.remove(key);
        return value == null ? String.valueOf(fallback) : value;
    }

    private static String required(Map<String, String> values, String key) {
        String value = values.remove(key);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("missing argument " + key + "=");
        }
        return value;
    }
}
