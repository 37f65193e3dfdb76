package dev.authplane.examples.authserver.admin;

import dev.authplane.examples.authserver.CliContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code authserver admin}: the admin CLI (SPEC §8). Every subcommand talks to the running
 * server's admin API; none touches the database directly.
 */
@Command(name = "admin", mixinStandardHelpOptions = true,
        description = "Manage resources, clients, issuances and signing keys through the admin API.",
        subcommands = {ResourceCommand.class, ClientCommand.class, IssuanceCommand.class, KeyCommand.class})
public final class AdminCommand implements Runnable {

    private final CliContext context;

    AdminCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public void run() {
        new CommandLine(this).usage(context.out());
    }
}
