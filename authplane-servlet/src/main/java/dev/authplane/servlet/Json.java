package dev.authplane.servlet;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Map;

/**
 * The one JSON mapper of this module and the one place that writes a JSON body. Documents are
 * built as ordered maps and lists of strings, numbers and booleans, so the wire names are spelled
 * out where they are built and no Java type leaks into a response.
 */
final class Json {

    static final String CONTENT_TYPE = "application/json";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Json() {
    }

    /** Writes {@code body} as the complete response with {@code status}; RFC 8259 JSON is UTF-8. */
    static void write(HttpServletResponse response, int status, Map<String, ?> body) throws IOException {
        writeRaw(response, status, MAPPER.writeValueAsBytes(body));
    }

    /** Writes an already serialised JSON document as the complete response. */
    static void writeRaw(HttpServletResponse response, int status, byte[] json) throws IOException {
        response.setStatus(status);
        response.setContentType(CONTENT_TYPE);
        response.setContentLength(json.length);
        response.getOutputStream().write(json);
    }

    /**
     * Parses a request body that must be one JSON object.
     *
     * @throws IllegalArgumentException with a message safe to show, when it is not
     */
    static JsonNode readObject(byte[] body) {
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("request body is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("request body must be a JSON object");
        }
        return node;
    }
}
