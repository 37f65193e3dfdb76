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

/** {@code authserver admin resource create|list|delete}: protected MCP servers (the domain model (README, admin CLI) and the admin API (authplane-servlet README)). */
@Command(name = "resource", mixinStandardHelpOptions = true, description = "Register and list protected MCP servers.")
final class ResourceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    private final CliContext context;

    ResourceCommand(CliContext context) {
        this.context = context;
    }

    /** Without a subcommand: the usage on stderr, exit code 2. */
    @Override
    public Integer call() {
        spec.commandLine().usage(context.err());
        return CliException.USAGE;
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Register an MCP server as a resource.")
    int create(@Option(names = "--slug", required = true, description = "Unique short name, e.g. my-mcp.") String slug,
               @Option(names = "--uri", required = true,
                       description = "The MCP server's resource URI; tokens carry it as aud, byte for byte.") String uri,
               @Option(names = "--backend-kind", defaultValue = "mint",
                       description = "How tokens are issued; only mint (default).") String backendKind,
               @Option(names = "--scopes", paramLabel = "name|upstream|description",
                       description = "A scope of the catalog, repeatable; e.g. 'tools/query||Query tools'.")
               List<String> scopes,
               @Mixin AdminOptions admin) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("slug", slug);
        body.put("uri", uri);
        body.put("backend_kind", backendKind);
        body.put("scopes", ScopeOptions.parse(scopes));
        JsonNode created = admin.connect(context).post(AdminPaths.RESOURCES, body);
        Output output = new Output(context.out());
        if (admin.json) {
            output.json(created);
        } else {
            output.details("Created resource " + created.path("slug").asText() + " (" + created.path("id").asText() + ")",
                    List.of(new String[] {"uri", created.path("uri").asText()},
                            new String[] {"backend kind", created.path("backend_kind").asText()},
                            new String[] {"scopes", Output.scopesWithDescriptions(created.path("scopes"))}));
        }
        return 0;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List registered resources.")
    int list(@Mixin AdminOptions admin) {
        JsonNode answer = admin.connect(context).get(AdminPaths.RESOURCES, Map.of());
        Output output = new Output(context.out());
        if (admin.json) {
            output.json(answer);
            return 0;
        }
        List<JsonNode> resources = new ArrayList<>();
        answer.path("resources").forEach(resources::add);
        if (resources.isEmpty()) {
            output.line("No resources registered.");
            return 0;
        }
        output.table(resources, List.of("SLUG", "URI", "BACKEND", "SCOPES", "ID"), List.of(
                r -> r.path("slug").asText(), r -> r.path("uri").asText(), r -> r.path("backend_kind").asText(),
                r -> Output.scopeNames(r.path("scopes")), r -> r.path("id").asText()));
        return 0;
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Remove a resource.")
    int delete(@Parameters(paramLabel = "SLUG_OR_ID", description = "The resource's slug or id.") String resource,
               @Mixin AdminOptions admin) {
        admin.connect(context).delete(AdminPaths.RESOURCES + "/" + AdminApiClient.segment(resource));
        if (admin.json) {
            new Output(context.out()).json(AdminApiClient.JSON.createObjectNode().put("deleted", resource));
        } else {
            context.out().println("Deleted resource " + resource);
        }
        return 0;
    }
}
