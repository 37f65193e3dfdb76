package dev.authplane.benchmarks.sas;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Settings of the peer server process, from the same {@code key=value} arguments as AuthPlane's
 * benchmark server: {@code port= data-dir= bodies= [clients=16] [bcrypt-cost=10]}.
 */
record SasOptions(int port, Path dataDir, int clients, int bcryptCost, Path bodies) {

    SasOptions {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(bodies, "bodies");
        if (port < 0 || port > 65535 || clients < 1 || bcryptCost < 4 || bcryptCost > 31) {
            throw new IllegalArgumentException("port 0-65535, clients >= 1, bcrypt-cost 4-31");
        }
    }

    static SasOptions parse(String... args) {
        Map<String, String> values = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected key=value, got '" + arg + "'");
            }
            values.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        if (!Set.of("port", "data-dir", "bodies", "clients", "bcrypt-cost").containsAll(values.keySet())) {
            throw new IllegalArgumentException("unknown arguments in " + values.keySet());
        }
        return new SasOptions(Integer.parseInt(values.getOrDefault("port", "0")),
                Path.of(required(values, "data-dir")),
                Integer.parseInt(values.getOrDefault("clients", "16")),
                Integer.parseInt(values.getOrDefault("bcrypt-cost", "10")),
                Path.of(required(values, "bodies")));
    }

    private static String required(Map<String, String> values, String key) {
        String value = values.get(key);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("missing argument " + key + "=");
        }
        return value;
    }
}
