package dev.authplane.examples.authserver;

import dev.authplane.examples.authserver.admin.AdminCommand;
import dev.authplane.examples.authserver.config.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/**
 * {@code authserver}: the runnable AuthPlane server ({@code serve}), its admin CLI ({@code admin})
 * and the seed's story in one command ({@code demo}).
 *
 * <p>Exit codes: 0 success, 1 an operation failed, 2 bad usage or configuration. Expected failures
 * are one line on stderr; set {@code AUTHPLANE_DEBUG=true} to see stack traces of unexpected ones.
 */
@Command(name = "authserver", mixinStandardHelpOptions = true, version = "authserver 0.1.0",
        description = "AuthPlane: an OAuth 2.1 authorization server for MCP servers (client_credentials).",
        subcommands = {ServeCommand.class, AdminCommand.class, DemoCommand.class, CommandLine.HelpCommand.class})
public final class AuthServerCli implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    private final CliContext context;

    AuthServerCli(CliContext context) {
        this.context = context;
    }

    /** Runs the CLI on the process environment and exits with its exit code. */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(execute(new CliContext(System.getenv(), out, err), args));
    }

    /** Runs one command line and returns its exit code; never throws. */
    public static int execute(CliContext context, String... args) {
        CommandLine cli = new CommandLine(AuthServerCli.class, new ContextFactory(context));
        cli.setOut(context.out()).setErr(context.err());
        cli.setParameterExceptionHandler((e, argv) -> {
            String help = "'" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'";
            context.err().println("authserver: " + e.getMessage() + " (see " + help + ")");
            return CliException.USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> failure(context, e));
        return cli.execute(args);
    }

    /** Without a subcommand: the usage on stderr, exit code 2. */
    @Override
    public Integer call() {
        spec.commandLine().usage(context.err());
        return CliException.USAGE;
    }

    private static int failure(CliContext context, Exception e) {
        if (e instanceof CliException cli) {
            context.err().println("authserver: " + cli.getMessage());
            return cli.exitCode();
        }
        if (e instanceof ConfigException config) {
            context.err().println("authserver: " + config.getMessage());
            return CliException.USAGE;
        }
        context.err().println("authserver: unexpected error: " + e);
        if (Boolean.parseBoolean(context.env().getOrDefault("AUTHPLANE_DEBUG", "false"))) {
            e.printStackTrace(context.err());
        }
        return CliException.FAILED;
    }

    /** Creates commands, injecting the {@link CliContext} into constructors that take one. */
    private record ContextFactory(CliContext context) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                Constructor<K> constructor = type.getDeclaredConstructor(CliContext.class);
                constructor.setAccessible(true);
                return constructor.newInstance(context);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }
}
