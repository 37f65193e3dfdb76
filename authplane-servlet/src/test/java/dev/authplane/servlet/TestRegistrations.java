package dev.authplane.servlet;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Registers resources and clients the way an operator does, through the admin HTTP API, and
 * reads tokens back. Mirrors the seed's commands.
 */
final class TestRegistrations {

    static final String MCP_URI = "https://mcp.example.com/mcp";

    private TestRegistrations() {
    }

    /** A registered client as the operator sees it right after creation. */
    record RegisteredClient(String clientId, String clientSecret) {
    }

    /** {@code authserver admin resource create --slug my-mcp --uri ... --scopes 'tools/query||Query tools'}. */
    static JsonNode createResource(TestServer server, String slug, String uri, String... scopes) {
        HttpResponse<String> response = server.admin("POST", "/resources",
                "{\"slug\":\"" + slug + "\",\"uri\":\"" + uri + "\",\"backend_kind\":\"mint\",\"scopes\":"
                        + jsonArray(scopes) + "}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return TestServer.json(response);
    }

    /** {@code authserver admin client create --name ... --grant-types client_credentials --auth-method ...}. */
    static RegisteredClient createClient(TestServer server, String name, String authMethod, String... scopes) {
        HttpResponse<String> response = server.admin("POST", "/clients",
                "{\"name\":\"" + name + "\",\"grant_types\":[\"client_credentials\"],"
                        + "\"token_endpoint_auth_method\":\"" + authMethod + "\",\"scopes\":" + jsonArray(scopes) + "}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode body = TestServer.json(response);
        return new RegisteredClient(body.get("client_id").asText(), body.get("client_secret").asText());
    }

    /** The seed's setup: resource {@code my-mcp} and a {@code client_secret_post} client {@code backend-worker}. */
    static RegisteredClient seed(TestServer server) {
        createResource(server, "my-mcp", MCP_URI, "tools/query||Query tools");
        return createClient(server, "backend-worker", "client_secret_post", "tools/query||Query tools");
    }

    /** The seed's {@code curl -d} body: values pasted without any encoding. */
    static String postForm(RegisteredClient client) {
        return "grant_type=client_credentials&client_id=" + client.clientId() + "&client_secret="
                + client.clientSecret() + "&resource=" + MCP_URI;
    }

    /** The JWT payload, decoded as the seed's {@code cut -d. -f2 | base64 -d} does. */
    static JsonNode claims(String jwt) {
        String payload = jwt.split("\\.")[1];
        return TestServer.json(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
    }

    private static String jsonArray(String... values) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            out.append(i == 0 ? "" : ",").append('"').append(values[i]).append('"');
        }
        return out.append(']').toString();
    }
}
