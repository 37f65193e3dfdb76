package dev.authplane.examples.authserver.admin;

import dev.authplane.examples.authserver.AdminKeyFile;
import dev.authplane.examples.authserver.CliContext;
import dev.authplane.examples.authserver.CliException;
import dev.authplane.examples.authserver.config.ServerConfig;
import dev.authplane.examples.authserver.config.ServerConfiguration;
import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.file.Path;

/**
 * Options every {@code admin} command shares: where the admin API is, how to print, and where to
 * find the admin key. The key comes from {@code AUTHPLANE_ADMIN_API_KEY} (or {@code admin.api_key}
 * in the configuration file), else from the {@code admin-api-key} file the server generated in its
 * data directory ({@code AUTHPLANE_DATA_DIR}, default {@code ./authplane-data}).
 */
public final class AdminOptions {

    /** Environment variable overriding the admin API's URL. */
    static final String ADMIN_URL_ENV = "AUTHPLANE_ADMIN_URL";

    @Option(names = "--admin-url", paramLabel = "URL",
            description = "Admin API base URL (env AUTHPLANE_ADMIN_URL; default http://127.0.0.1:<admin.port>, i.e. :9001).")
    URI adminUrl;

    @Option(names = "--json", description = "Print machine-readable JSON.")
    boolean json;

    @Option(names = "--config", paramLabel = "FILE",
            description = "The server's YAML configuration, to find the admin port, key and data directory.")
    Path config;

    /** A client for the admin API, or a one-line error explaining what is missing. */
    AdminApiClient connect(CliContext context) {
        ServerConfig settings = ServerConfiguration.load(config, context.env());
        return new AdminApiClient(url(context, settings), key(settings));
    }

    private URI url(CliContext context, ServerConfig settings) {
        if (adminUrl != null) {
            return adminUrl;
        }
        String fromEnv = context.env().get(ADMIN_URL_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            try {
                return URI.create(fromEnv.strip());
            } catch (IllegalArgumentException e) {
                throw new CliException(ADMIN_URL_ENV + " is not a URL: " + e.getMessage(), CliException.USAGE);
            }
        }
        String bind = settings.admin().bind();
        String host = bind.equals("0.0.0.0") || bind.equals("::") || bind.isBlank() ? "127.0.0.1" : bind;
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + settings.admin().port());
    }

    private static String key(ServerConfig settings) {
        if (settings.admin().apiKeyIfSet().isPresent()) {
            return settings.admin().apiKeyIfSet().get();
        }
        Path dataDir = settings.storage().dataDir();
        return AdminKeyFile.read(dataDir).orElseThrow(() -> new CliException("no admin API key: set "
                + "AUTHPLANE_ADMIN_API_KEY, or run where the server's data directory is (" + AdminKeyFile.path(dataDir)
                + " is written on the server's first start; AUTHPLANE_DATA_DIR moves it)", CliException.USAGE));
    }
}
