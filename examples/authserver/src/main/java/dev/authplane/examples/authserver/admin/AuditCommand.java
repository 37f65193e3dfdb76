package dev.authplane.examples.authserver.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.authplane.examples.authserver.CliContext;
import dev.authplane.examples.authserver.CliException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code authserver admin audit list}: the admin audit trail, newest first. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Inspect the admin audit trail: who changed which client, resource or key, and when.")
final class AuditCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    private final CliContext context;

    AuditCommand(CliContext context) {
        this.context = context;
    }

    /** Without a subcommand: the usage on stderr, exit code 2. */
    @Override
    public Integer call() {
        spec.commandLine().usage(context.err());
        return CliException.USAGE;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List administrative changes, newest first.")
    int list(@Option(names = "--since", defaultValue = "7d",
                     description = "Time window, e.g. 1h, 24h, 30d, or an ISO-8601 instant (default: ${DEFAULT-VALUE}).")
             String since,
             @Option(names = "--limit", defaultValue = "20",
                     description = "At most this many events, 1-" + IssuanceCommand.MAX_LIMIT
                             + " (default: ${DEFAULT-VALUE}).") int limit,
             @Mixin AdminOptions admin) {
        if (limit < 1 || limit > IssuanceCommand.MAX_LIMIT) {
            throw new CliException("--limit must be from 1 to " + IssuanceCommand.MAX_LIMIT, CliException.USAGE);
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("since", since);
        query.put("limit", Integer.toString(limit));
        JsonNode answer = admin.connect(context).get(AdminPaths.AUDIT, query);
        Output output = new Output(context.out());
        if (admin.json) {
            output.json(answer);
            return 0;
        }
        List<JsonNode> events = new ArrayList<>();
        answer.path("events").forEach(events::add);
        if (events.isEmpty()) {
            output.line("No administrative changes since " + since + ".");
            return 0;
        }
        output.table(events, List.of("AT", "ACTION", "OBJECT", "BY", "FROM", "DETAIL"),
                List.of(e -> e.path("at").asText(), e -> e.path("action").asText(), e -> e.path("object_id").asText(),
                        e -> e.path("actor").asText(), e -> Output.text(e, "remote_address"),
                        e -> Output.text(e, "detail")));
        return 0;
    }
}
