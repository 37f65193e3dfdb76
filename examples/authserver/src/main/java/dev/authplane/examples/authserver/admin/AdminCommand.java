package dev.authplane.examples.authserver.admin;

import dev.authplane.examples.authserver.CliContext;
import dev.authplane.examples.authserver.CliException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code authserver admin}: the admin CLI (the admin API (authplane-servlet README)). Every subcommand but
 * {@code keygen} (a local helper for {@code private_key_jwt} clients) talks to the running server's
 * admin API; none touches the database directly.
 */
@Command(name = "admin", mixinStandardHelpOptions = true,
        description = "Manage resources, clients, issuances and signing keys through the admin API.",
        subcommands = {ResourceCommand.class, ClientCommand.class, IssuanceCommand.class, KeyCommand.class, AuditCommand.class,
                KeygenCommand.class})
public final class AdminCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    private final CliContext context;

    AdminCommand(CliContext context) {
        this.context = context;
    }

    /** Without a subcommand: the usage on stderr, exit code 2. */
    @Override
    public Integer call() {
        spec.commandLine().usage(context.err());
        return CliException.USAGE;
    }
}
