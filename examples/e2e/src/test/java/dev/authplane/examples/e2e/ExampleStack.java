package dev.authplane.examples.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The authorization server and the example MCP server as processes on free ports, with the admin
 * CLI and a token request at hand: the stage for tests that drive third-party clients against them.
 */
final class ExampleStack implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(90);
    static final ObjectMapper JSON = new ObjectMapper();

    final int adminPort = FreePorts.next();
    final int mcpPort = FreePorts.next();
    final String issuer;
    final String resource = "http://localhost:" + mcpPort + "/mcp";
    final Path workDir;
    private final JarProcess server;
    private final JarProcess mcp;

    /** Starts both servers; {@code mcpArgs} are added to the MCP server's command line. */
    ExampleStack(String name, List<String> mcpArgs) {
        this(name, Map.of(), mcpArgs);
    }

    /** As {@link #ExampleStack(String, List)}, with {@code serverEnv} added to the authorization server's environment. */
    ExampleStack(String name, Map<String, String> serverEnv, List<String> mcpArgs) {
        int publicPort = FreePorts.next();
        issuer = "http://localhost:" + publicPort;
        workDir = Jars.newWorkDir(name);
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "AUTHPLANE_SERVER_PORT", Integer.toString(publicPort), "AUTHPLANE_SERVER_ISSUER", issuer,
                "AUTHPLANE_ADMIN_PORT", Integer.toString(adminPort), "AUTHPLANE_CLIENT_CREDENTIALS_ENABLED", "true",
                "AUTHPLANE_SECURITY_BCRYPT_COST", "4"));
        env.putAll(serverEnv);
        server = JarProcess.start("authserver", Jars.AUTHSERVER, workDir, env, List.of("serve"));
        List<String> args = new ArrayList<>(List.of("--port", Integer.toString(mcpPort), "--issuer", issuer, "--resource", resource));
        args.addAll(mcpArgs);
        mcp = JarProcess.start("mcp-server", Jars.MCP_SERVER, workDir, Map.of(), args);
        server.awaitStdoutLine(Pattern.compile("AuthPlane ready"), TIMEOUT);
        mcp.awaitStdoutLine(Pattern.compile("MCP server ready"), TIMEOUT);
    }

    /** Runs {@code authserver admin args…} and expects it to succeed. */
    JarProcess.Result admin(String... args) {
        List<String> argv = new ArrayList<>(List.of("admin"));
        argv.addAll(List.of(args));
        JarProcess.Result result = JarProcess.run("authserver admin", Jars.AUTHSERVER, workDir,
                Map.of("AUTHPLANE_ADMIN_PORT", Integer.toString(adminPort)), argv, TIMEOUT);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result;
    }

    /** A {@code client_secret_post} client (the seed's command) with these scopes; its JSON, secret included. */
    JsonNode createClient(String name, String... scopes) throws IOException {
        List<String> args = new ArrayList<>(List.of("client", "create", "--name", name, "--auth-method", "client_secret_post"));
        for (String scope : scopes) {
            args.addAll(List.of("--scopes", scope));
        }
        args.add("--json");
        return JSON.readTree(admin(args.toArray(String[]::new)).stdout());
    }

    /** A {@code private_key_jwt} client registered with the public JWK Set {@code jwks}, as the CLI's {@code --json}. */
    JsonNode createKeyClient(String name, String jwks, String... scopes) throws IOException {
        Path file = Files.writeString(workDir.resolve(name + ".jwks.json"), jwks);
        List<String> args = new ArrayList<>(List.of("client", "create", "--name", name, "--auth-method", "private_key_jwt",
                "--jwks-file", file.toString()));
        for (String scope : scopes) {
            args.addAll(List.of("--scopes", scope));
        }
        args.add("--json");
        return JSON.readTree(admin(args.toArray(String[]::new)).stdout());
    }

    /** A token of a {@code private_key_jwt} client for {@code audience}, authenticated by {@code assertion}. */
    String tokenWithAssertion(String assertion, String audience) throws IOException, InterruptedException {
        return tokenFor("grant_type=client_credentials&client_assertion_type="
                + URLEncoder.encode("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", StandardCharsets.UTF_8)
                + "&client_assertion=" + assertion + "&resource=" + URLEncoder.encode(audience, StandardCharsets.UTF_8));
    }

    /** A token of {@code client} for {@code audience}, requested with body credentials as the seed does. */
    String token(JsonNode client, String audience) throws IOException, InterruptedException {
        return tokenFor("grant_type=client_credentials&client_id=" + client.path("client_id").asText() + "&client_secret="
                + client.path("client_secret").asText() + "&resource=" + URLEncoder.encode(audience, StandardCharsets.UTF_8));
    }

    private String tokenFor(String form) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(issuer + "/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("access_token").asText();
    }

    /** The scopes of the client's tokens for the resource registered as {@code slug}, oldest first. */
    List<String> issuedScopes(String client, String slug) throws IOException {
        JsonNode rows = JSON.readTree(admin("issuance", "list", "--client", client, "--resource", slug, "--json").stdout())
                .path("issuances");
        List<String> scopes = new ArrayList<>();
        rows.forEach(row -> scopes.add(0, row.path("scope").asText()));
        return scopes;
    }

    /** Stops the authorization server (an outage for whoever still asks it); {@link #close()} still works. */
    void stopAuthorizationServer() {
        server.terminate(TIMEOUT);
    }

    @Override
    public void close() {
        mcp.close();
        server.close();
    }
}
