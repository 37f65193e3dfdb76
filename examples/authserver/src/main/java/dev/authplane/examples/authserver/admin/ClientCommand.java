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

/**
 * {@code authserver admin client …}: confidential OAuth clients (the domain model (README, admin CLI) and the admin API (authplane-servlet README)). A secret is printed
 * once, by {@code create} and {@code rotate-secret}; the server keeps only its bcrypt hash. A
 * {@code private_key_jwt} client has no secret: its public keys are registered ({@code --jwks-file},
 * {@code --jwks-uri}) and replaced with {@code set-keys}.
 */
@Command(name = "client", mixinStandardHelpOptions = true,
        description = "Register, list, update, rotate, re-key, disable, enable and delete OAuth clients.")
final class ClientCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    static final String SECRET_NOTICE =
            "Store the client secret now: it will not be shown again (the server keeps only its bcrypt hash).";

    private static final String RESOURCES_HELP = "Slug of a resource the client may request tokens for, repeatable"
            + " or comma-separated; without a list the client may ask for any resource"
            + " (unless security.client_resources=listed).";

    private static final String SECRET_EXPIRY_HELP = "How long the secret works, e.g. 90d (1m to 3650d); afterwards"
            + " the client is refused (invalid_client) and the server logs a warning. Default: no expiry.";
    private static final String TOKEN_LIFETIME_HELP = "The client's own access-token lifetime, e.g. 15m (10s to"
            + " client_credentials.max_token_expiry). Default: client_credentials.token_expiry.";

    private final CliContext context;

    ClientCommand(CliContext context) {
        this.context = context;
    }

    /** Without a subcommand: the usage on stderr, exit code 2. */
    @Override
    public Integer call() {
        spec.commandLine().usage(context.err());
        return CliException.USAGE;
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Register a confidential client.")
    int create(@Option(names = "--name", required = true, description = "Unique human name, e.g. backend-worker;"
                       + " never one that could be read as a client_id (22 letters, digits, '-' or '_').")
               String name,
               @Option(names = "--grant-types", split = ",", defaultValue = "client_credentials",
                       description = "Comma-separated grant types, or none for an --introspect client that asks for"
                               + " no tokens (default: ${DEFAULT-VALUE}).") List<String> grantTypes,
               @Option(names = "--auth-method", defaultValue = "client_secret_basic",
                       description = "client_secret_basic, client_secret_post or private_key_jwt (with --jwks-file"
                               + " or --jwks-uri; no secret) (default: ${DEFAULT-VALUE}).")
               String authMethod,
               @Mixin ClientKeyOptions keys,
               @Option(names = "--scopes", paramLabel = "name|upstream|description",
                       description = "A scope the client may receive, repeatable; e.g. 'tools/query||Query tools'.")
               List<String> scopes,
               @Option(names = "--resources", split = ",", paramLabel = "SLUG", description = RESOURCES_HELP)
               List<String> resources,
               @Option(names = "--introspect", description = "Allow the client to introspect tokens (RFC 7662) for"
                       + " its --resources.") boolean introspect,
               @Option(names = "--secret-expires-in", paramLabel = "DURATION", description = SECRET_EXPIRY_HELP)
               String secretExpiresIn,
               @Option(names = "--token-lifetime", paramLabel = "DURATION", description = TOKEN_LIFETIME_HELP)
               String tokenLifetime,
               @Mixin AdminOptions admin) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("grant_types", grantTypes.equals(List.of("none")) ? List.of() : grantTypes);
        if (introspect) {
            body.put("introspect", true);
        }
        body.put("token_endpoint_auth_method", authMethod);
        body.put("scopes", ScopeOptions.parse(scopes));
        body.put("resources", slugs(resources));
        keys.addTo(body);
        putIfGiven(body, "secret_expires_in", secretExpiresIn);
        putIfGiven(body, "token_lifetime", tokenLifetime);
        JsonNode created = admin.connect(context).post(AdminPaths.CLIENTS, body);
        printWithSecret("Created client ", created, admin.json);
        return 0;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List registered clients.")
    int list(@Option(names = "--secret-expires-within", paramLabel = "DURATION",
                     description = "Only clients whose secret expires within this period (or has expired), e.g. 14d.")
             String expiresWithin,
             @Mixin AdminOptions admin) {
        JsonNode answer = admin.connect(context).get(AdminPaths.CLIENTS,
                expiresWithin == null ? Map.of() : Map.of("secret_expires_within", expiresWithin));
        Output output = new Output(context.out());
        if (admin.json) {
            output.json(answer);
            return 0;
        }
        List<JsonNode> clients = new ArrayList<>();
        answer.path("clients").forEach(clients::add);
        if (clients.isEmpty()) {
            output.line("No clients registered.");
            return 0;
        }
        output.table(clients, List.of("NAME", "CLIENT_ID", "STATUS", "AUTH METHOD", "KEYS", "GRANT TYPES", "SCOPES",
                        "RESOURCES", "INTROSPECT", "TOKEN LIFETIME", "SECRET EXPIRES"),
                List.of(c -> c.path("name").asText(), c -> c.path("client_id").asText(), c -> c.path("status").asText(),
                        c -> c.path("token_endpoint_auth_method").asText(), ClientCommand::keyList,
                        c -> Output.joined(c.path("grant_types")), c -> Output.scopeNames(c.path("scopes")),
                        c -> resourceList(c), c -> c.path("introspect").asBoolean() ? "yes" : "no",
                        c -> c.path("token_lifetime").isNull() ? "default" : c.path("token_lifetime").asText(),
                        ClientCommand::secretExpiry));
        return 0;
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = "Replace the client's scopes, its resource list or its token lifetime; its next token"
                    + " request sees them.")
    int update(@Parameters(paramLabel = "CLIENT", description = "client_id or name") String client,
               @Option(names = "--scopes", paramLabel = "name|upstream|description",
                       description = "A scope the client may receive, repeatable; replaces the current list.")
               List<String> scopes,
               @Option(names = "--resources", split = ",", paramLabel = "SLUG",
                       description = RESOURCES_HELP + " Replaces the current list; --resources '' clears it.")
               List<String> resources,
               @Option(names = "--token-lifetime", paramLabel = "DURATION",
                       description = TOKEN_LIFETIME_HELP + " 'default' returns to the server's.") String tokenLifetime,
               @Mixin AdminOptions admin) {
        if (scopes == null && resources == null && tokenLifetime == null) {
            throw new CliException("give --scopes, --resources, --token-lifetime or several", CliException.USAGE);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        if (scopes != null) {
            body.put("scopes", ScopeOptions.parse(scopes));
        }
        if (resources != null) {
            body.put("resources", slugs(resources));
        }
        if (tokenLifetime != null) {
            body.put("token_lifetime", tokenLifetime.equals("default") ? null : tokenLifetime);
        }
        JsonNode updated = admin.connect(context).patch(AdminPaths.client(client), body);
        if (admin.json) {
            new Output(context.out()).json(updated);
        } else {
            context.out().println("Client " + updated.path("name").asText() + " (" + updated.path("client_id").asText()
                    + ") may now receive: " + Output.scopeNames(updated.path("scopes")) + "; resources: "
                    + resourceList(updated) + (tokenLifetime == null ? "" : "; token lifetime: "
                    + (updated.path("token_lifetime").isNull() ? "the server default"
                    : updated.path("token_lifetime").asText())));
        }
        return 0;
    }

    @Command(name = "set-keys", mixinStandardHelpOptions = true,
            description = "Replace a private_key_jwt client's public keys; its next assertion is checked against them.")
    int setKeys(@Parameters(paramLabel = "CLIENT", description = "client_id or name") String client,
                @Mixin ClientKeyOptions keys, @Mixin AdminOptions admin) {
        if (!keys.given()) {
            throw new CliException("give --jwks-file FILE or --jwks-uri URL", CliException.USAGE);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        keys.addTo(body);
        JsonNode updated = admin.connect(context).put(AdminPaths.clientAction(client, "keys"), body);
        if (admin.json) {
            new Output(context.out()).json(updated);
        } else {
            context.out().println("Client " + updated.path("name").asText() + " (" + updated.path("client_id").asText()
                    + ") now authenticates with keys: " + keyList(updated));
        }
        return 0;
    }

    @Command(name = "rotate-secret", mixinStandardHelpOptions = true,
            description = "Replace the client's secret; the old one stops working at once, or after --keep-old-for.")
    int rotateSecret(@Parameters(paramLabel = "CLIENT", description = "client_id or name") String client,
                     @Option(names = "--keep-old-for", paramLabel = "DURATION", defaultValue = "0s",
                             description = "How long the old secret keeps working, so that running callers can move"
                                     + " to the new one (0s to 30d; default: ${DEFAULT-VALUE}, it stops now).")
                     String keepOldFor,
                     @Option(names = "--secret-expires-in", paramLabel = "DURATION", description = SECRET_EXPIRY_HELP)
                     String secretExpiresIn,
                     @Mixin AdminOptions admin) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("keep_old_for", keepOldFor);
        putIfGiven(body, "secret_expires_in", secretExpiresIn);
        JsonNode rotated = admin.connect(context).post(AdminPaths.clientAction(client, "rotate-secret"), body);
        printWithSecret("New secret for client ", rotated, admin.json);
        if (!admin.json && !rotated.path("previous_secret_valid_until").isNull()) {
            context.out().println("The old secret keeps working until " + rotated.path("previous_secret_valid_until")
                    .asText() + ".");
        }
        return 0;
    }

    @Command(name = "revoke-tokens", mixinStandardHelpOptions = true,
            description = "Revoke every unexpired token of the client (introspection answers inactive for them).")
    int revokeTokens(@Parameters(paramLabel = "CLIENT", description = "client_id or name") String client,
                     @Mixin AdminOptions admin) {
        JsonNode answer = admin.connect(context).post(AdminPaths.clientAction(client, "revoke-tokens"), Map.of());
        if (admin.json) {
            new Output(context.out()).json(answer);
        } else {
            context.out().println("Revoked " + answer.path("revoked").asInt() + " unexpired token(s) of client " + client);
        }
        return 0;
    }

    @Command(name = "disable", mixinStandardHelpOptions = true,
            description = "Refuse the client's token requests until it is enabled again; its unexpired tokens are"
                    + " revoked.")
    int disable(@Parameters(paramLabel = "CLIENT", description = "client_id or name") String client,
                @Mixin AdminOptions admin) {
        return changeStatus(client, "disable", admin);
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Accept the client's token requests again.")
    int enable(@Parameters(paramLabel = "CLIENT", description = "client_id or name") String client,
               @Mixin AdminOptions admin) {
        return changeStatus(client, "enable", admin);
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Remove the client; its issuance rows stay for the audit.")
    int delete(@Parameters(paramLabel = "CLIENT", description = "client_id or name") String client,
               @Mixin AdminOptions admin) {
        admin.connect(context).delete(AdminPaths.client(client));
        if (admin.json) {
            new Output(context.out()).json(AdminApiClient.JSON.createObjectNode().put("deleted", client));
        } else {
            context.out().println("Deleted client " + client);
        }
        return 0;
    }

    private int changeStatus(String client, String action, AdminOptions admin) {
        JsonNode changed = admin.connect(context).post(AdminPaths.clientAction(client, action), Map.of());
        if (admin.json) {
            new Output(context.out()).json(changed);
        } else {
            context.out().println("Client " + changed.path("name").asText() + " (" + changed.path("client_id").asText()
                    + ") is now " + changed.path("status").asText());
        }
        return 0;
    }

    private void printWithSecret(String heading, JsonNode client, boolean json) {
        Output output = new Output(context.out());
        if (json) {
            output.json(client);
            return;
        }
        boolean hasSecret = client.has("client_secret");
        List<String[]> rows = new ArrayList<>(List.of(
                new String[] {"client_id", client.path("client_id").asText()},
                hasSecret ? new String[] {"client_secret", client.path("client_secret").asText()}
                        : new String[] {"keys", keyList(client)},
                new String[] {"grant types", Output.joined(client.path("grant_types"))},
                new String[] {"auth method", client.path("token_endpoint_auth_method").asText()},
                new String[] {"scopes", Output.scopeNames(client.path("scopes"))},
                new String[] {"resources", resourceList(client)}));
        if (!client.path("secret_expires_at").isMissingNode() && !client.path("secret_expires_at").isNull()) {
            rows.add(new String[] {"secret expires", secretExpiry(client)});
        }
        output.details(heading + client.path("name").asText(), rows);
        output.line(hasSecret ? SECRET_NOTICE : "No secret: the client signs assertions with its private key.");
    }

    /** A private_key_jwt client's key ids or jwks_uri; {@code -} for a client with a secret. */
    private static String keyList(JsonNode client) {
        if (!client.path("jwks_uri").isMissingNode() && !client.path("jwks_uri").isNull()) {
            return client.path("jwks_uri").asText();
        }
        return client.has("key_ids") ? Output.joined(client.path("key_ids")) : "-";
    }

    /** When the secret expires: an instant, {@code never}, or {@code -} for a client without a secret. */
    private static String secretExpiry(JsonNode client) {
        JsonNode at = client.path("secret_expires_at");
        return at.isMissingNode() ? "-" : at.isNull() ? "never" : at.asText();
    }

    private static void putIfGiven(Map<String, Object> body, String field, String value) {
        if (value != null) {
            body.put(field, value);
        }
    }

    /** The slugs as given, without the empty values that {@code --resources ''} leaves. */
    private static List<String> slugs(List<String> values) {
        return values == null ? List.of() : values.stream().map(String::strip).filter(v -> !v.isEmpty()).toList();
    }

    private static String resourceList(JsonNode client) {
        JsonNode list = client.path("resources");
        return list.isEmpty() ? "any (no list)" : Output.joined(list);
    }
}
