package dev.authplane.benchmarks.server;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of one benchmark server process, from {@code key=value} arguments.
 *
 * @param port       loopback port to listen on; 0 picks a free one
 * @param jdbcUrl    a {@code jdbc:postgresql:} URL, or {@code null} for the durable H2 file store under {@code dataDir}
 * @param dataDir    directory of the H2 file store
 * @param clients    how many clients to register (each request rotates through them)
 * @param bcryptCost bcrypt cost of the client secrets
 * @param bodies     file that receives one urlencoded token request body per client
 */
public record ServerOptions(int port, String jdbcUrl, Path dataDir, int clients, int bcryptCost, Path bodies) {

    /** Default number of clients whose credentials the load generator rotates through. */
    public static final int DEFAULT_CLIENTS = 16;
    /** Default bcrypt cost: Spring Security's {@code BCryptPasswordEncoder} default, so the peer is not slowed. */
    public static final int DEFAULT_BCRYPT_COST = 10;

    public ServerOptions {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(bodies, "bodies");
        if (port < 0 || port > 65535 || clients < 1 || bcryptCost < 4 || bcryptCost > 31) {
            throw new IllegalArgumentException("port 0-65535, clients >= 1, bcrypt-cost 4-31");
        }
    }

    /**
     * Parses {@code port= data-dir= bodies= [jdbc-url=] [clients=] [bcrypt-cost=]}.
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
        ServerOptions options = new ServerOptions(Integer.parseInt(required(values, "port")), values.remove("jdbc-url"),
                Path.of(required(values, "data-dir")),
                Integer.parseInt(values.getOrDefault("clients", String.valueOf(DEFAULT_CLIENTS))),
                Integer.parseInt(values.getOrDefault("bcrypt-cost", String.valueOf(DEFAULT_BCRYPT_COST))),
                Path.of(required(values, "bodies")));
        values.keySet().removeAll(java.util.Set.of("clients", "bcrypt-cost"));
        if (!values.isEmpty()) {
            throw new IllegalArgumentException("unknown arguments: " + values.keySet());
        }
        return options;
    }

    private static String required(Map<String, String> values, String key) {
        String value = values.remove(key);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("missing argument " + key + "=");
        }
        return value;
    }
}
