package dev.authplane.examples.authserver.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.authplane.examples.authserver.CliContext;
import dev.authplane.examples.authserver.CliException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code authserver admin key list|rotate}: token signing keys (RFC 7517, RFC 8414 and RFC 9728). */
@Command(name = "key", mixinStandardHelpOptions = true, description = "List and rotate token signing keys.")
final class KeyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    private final CliContext context;

    KeyCommand(CliContext context) {
        this.context = context;
    }

    /** Without a subcommand: the usage on stderr, exit code 2. */
    @Override
    public Integer call() {
        spec.commandLine().usage(context.err());
        return CliException.USAGE;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List signing keys and their lifecycle.")
    int list(@Mixin AdminOptions admin) {
        JsonNode answer = admin.connect(context).get(AdminPaths.KEYS, Map.of());
        Output output = new Output(context.out());
        if (admin.json) {
            output.json(answer);
            return 0;
        }
        List<JsonNode> keys = new ArrayList<>();
        answer.path("keys").forEach(keys::add);
        output.table(keys, List.of("KID", "ALG", "STATUS", "CREATED AT", "RETIRED AT", "IN JWKS UNTIL"), List.of(
                k -> k.path("kid").asText(), k -> k.path("algorithm").asText(), k -> k.path("status").asText(),
                k -> Output.text(k, "created_at"), k -> Output.text(k, "retired_at"),
                k -> Output.text(k, "publish_until")));
        return 0;
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = "Make a new key active now; earlier keys stay in the JWKS until their tokens expire.")
    int rotate(@Mixin AdminOptions admin) {
        JsonNode key = admin.connect(context).post(AdminPaths.KEY_ROTATION, Map.of());
        if (admin.json) {
            new Output(context.out()).json(key);
        } else {
            context.out().println("New active signing key " + key.path("kid").asText() + " ("
                    + key.path("algorithm").asText() + "); earlier keys stay in the JWKS until the tokens they"
                    + " signed have expired.");
        }
        return 0;
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke a signing key now: it leaves the JWKS at once and never signs again (an active key is"
                    + " replaced by a new one first). Verifiers refuse its tokens after their next JWKS refresh.")
    int revoke(@Parameters(paramLabel = "KID", description = "the key's kid, as 'key list' shows it") String kid,
               @Mixin AdminOptions admin) {
        JsonNode active = admin.connect(context).post(AdminPaths.keyRevocation(kid), Map.of());
        if (admin.json) {
            new Output(context.out()).json(active);
        } else {
            context.out().println("Revoked signing key " + kid + "; active key: " + active.path("kid").asText()
                    + ". MCP servers drop it from their JWKS cache at their next refresh.");
        }
        return 0;
    }
}
