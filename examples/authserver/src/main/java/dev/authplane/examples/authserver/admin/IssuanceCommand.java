package dev.authplane.examples.authserver.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.authplane.examples.authserver.CliContext;
import dev.authplane.examples.authserver.CliException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code authserver admin issuance list}: the audit of minted tokens (the issuance audit (README walk-through, step 6)), newest first. */
@Command(name = "issuance", mixinStandardHelpOptions = true, description = "Inspect the audit of issued tokens.")
final class IssuanceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** Largest {@code --limit} the server accepts. */
    static final int MAX_LIMIT = 5000;

    private final CliContext context;

    IssuanceCommand(CliContext context) {
        this.context = context;
    }

    /** Without a subcommand: the usage on stderr, exit code 2. */
    @Override
    public Integer call() {
        spec.commandLine().usage(context.err());
        return CliException.USAGE;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List issued tokens, newest first.")
    int list(@Option(names = "--client", description = "Only this client (client_id or name).") String client,
             @Option(names = "--resource", description = "Only this resource (slug, id or URI).") String resource,
             @Option(names = "--since", defaultValue = "24h",
                     description = "Time window, e.g. 15m, 24h, 7d (default: ${DEFAULT-VALUE}).") String since,
             @Option(names = "--limit", defaultValue = "20",
                     description = "At most this many rows, 1-" + MAX_LIMIT + " (default: ${DEFAULT-VALUE}).") int limit,
             @Option(names = "--revoked", description = "Only revoked tokens.") boolean revoked,
             @Mixin AdminOptions admin) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new CliException("--limit must be from 1 to " + MAX_LIMIT, CliException.USAGE);
        }
        AdminApiClient api = admin.connect(context);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("client", client);
        query.put("resource", resourceFilter(api, resource));
        query.put("since", since);
        query.put("limit", Integer.toString(limit));
        if (revoked) {
            query.put("revoked", "true");
        }
        JsonNode answer = api.get(AdminPaths.ISSUANCES, query);
        Output output = new Output(context.out());
        if (admin.json) {
            output.json(answer);
            return 0;
        }
        List<JsonNode> rows = new ArrayList<>();
        answer.path("issuances").forEach(rows::add);
        if (rows.isEmpty()) {
            output.line("No " + (revoked ? "revoked " : "") + "tokens issued in the last " + since
                    + (client == null ? "" : " to " + client)
                    + (resource == null ? "" : " for " + resource) + ".");
            return 0;
        }
        output.table(rows, List.of("ISSUED AT", "CLIENT", "CLIENT_ID", "AUTH", "RESOURCE", "SCOPE", "TYPE", "EXPIRES AT",
                        "JTI", "REVOKED"),
                List.of(i -> i.path("issued_at").asText(), i -> Output.text(i, "client_name"),
                        i -> i.path("client_id").asText(), IssuanceCommand::authentication,
                        i -> i.path("resource_uri").asText(), i -> Output.text(i, "scope"),
                        i -> i.path("token_type").asText(), i -> i.path("expires_at").asText(),
                        i -> i.path("jti").asText(),
                        i -> i.path("revoked_at").isNull() || i.path("revoked_at").isMissingNode() ? "-"
                                : i.path("revoked_at").asText()));
        return 0;
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke one token by its jti (introspection answers inactive for it from now on).")
    int revoke(@Parameters(paramLabel = "JTI", description = "the token's jti, as issuance list shows it") String jti,
               @Mixin AdminOptions admin) {
        JsonNode row = admin.connect(context).post(AdminPaths.ISSUANCES + "/" + AdminApiClient.segment(jti) + "/revoke",
                Map.of());
        if (admin.json) {
            new Output(context.out()).json(row);
        } else {
            context.out().println("Revoked token " + jti + " of " + Output.text(row, "client_name") + " ("
                    + row.path("revocation_reason").asText() + " at " + row.path("revoked_at").asText() + ")");
        }
        return 0;
    }

    /** The API filters by resource id or URI; a slug is looked up and replaced by its id. */
    private static String resourceFilter(AdminApiClient api, String resource) {
        if (resource == null || resource.contains("://")) {
            return resource;
        }
        return api.get(AdminPaths.RESOURCES + "/" + AdminApiClient.segment(resource), Map.of()).path("id").asText();
    }

    /** How the client authenticated, with the assertion's key: {@code private_key_jwt (kid agent-key-1)}. */
    private static String authentication(JsonNode row) {
        String method = Output.text(row, "auth_method");
        String kid = row.path("assertion_kid").isTextual() ? row.path("assertion_kid").asText() : null;
        return kid == null ? method : method + " (kid " + kid + ")";
    }
}
