package dev.authplane.examples.authserver;

import dev.authplane.examples.authserver.config.ServerConfig;
import dev.authplane.examples.authserver.config.ServerConfiguration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code authserver serve [--config FILE]}: runs the server until SIGTERM (or Ctrl-C). Prints one
 * ready line on stdout; every expected failure is one line on stderr with exit code 2.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run the authorization server: public endpoints on server.port (9000), admin API on"
                + " admin.port (9001, loopback), embedded H2 database under ./authplane-data.",
                "Settings: YAML file (--config or AUTHPLANE_CONFIG) plus AUTHPLANE_<SECTION>_<KEY> env vars."})
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file (the README's Configuration section).")
    Path config;

    private final CliContext context;

    ServeCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        ServerConfig settings = ServerConfiguration.load(config, context.env());
        AuthServer server = AuthServer.start(settings, context.err());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            context.err().println("authserver: stopped");
        }, "authserver-shutdown"));
        warnAboutIssuerPort(settings, server.publicPort());
        if (!settings.core().clientCredentials().enabled()) {
            context.err().println("authserver: note: the client_credentials grant is disabled (the default);"
                    + " " + settings.core().clientCredentials().howToEnable());
        }
        context.out().println(server.readyLine());
        server.join();
        return 0;
    }

    /** A local issuer naming another port than the one listened on is almost always a mistake. */
    private void warnAboutIssuerPort(ServerConfig settings, int port) {
        URI issuer = URI.create(settings.issuer());
        int issuerPort = issuer.getPort() != -1 ? issuer.getPort() : "https".equals(issuer.getScheme()) ? 443 : 80;
        boolean local = "localhost".equals(issuer.getHost()) || "127.0.0.1".equals(issuer.getHost());
        if (local && issuerPort != port) {
            context.err().println("authserver: note: issuer " + settings.issuer() + " names port " + issuerPort
                    + " but the server listens on " + port + "; tokens carry the issuer and clients use its URLs"
                    + " (set server.issuer, env AUTHPLANE_SERVER_ISSUER)");
        }
    }
}
