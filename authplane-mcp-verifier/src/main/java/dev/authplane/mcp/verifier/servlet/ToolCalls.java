package dev.authplane.mcp.verifier.servlet;

import com.nimbusds.jose.util.JSONArrayUtils;
import com.nimbusds.jose.util.JSONObjectUtils;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads which tools a Streamable HTTP POST body calls: the {@code params.name} of every JSON-RPC
 * {@code tools/call} request in it (one message, or a batch as older protocol revisions allow).
 * Strict on purpose: a body that is not JSON, has duplicate member names, or a {@code tools/call}
 * without a string {@code name}, is refused, so the filter never reads a body differently from
 * the MCP server behind it.
 */
final class ToolCalls {

    static final String TOOLS_CALL = "tools/call";

    private ToolCalls() {
    }

    /**
     * @return the called tools' names, in order (empty when the body calls none)
     * @throws IllegalArgumentException with a fixed, safe message when the body cannot be read
     */
    static List<String> in(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        List<String> tools = new ArrayList<>();
        try {
            if (text.startsWith("[")) {
                for (Object message : JSONArrayUtils.parse(text)) {
                    addCall(message, tools);
                }
            } else {
                addCall(JSONObjectUtils.parse(text), tools);
            }
        } catch (ParseException | RuntimeException e) {
            throw new IllegalArgumentException("the request body is not a JSON-RPC message");
        }
        return tools;
    }

    private static void addCall(Object message, List<String> tools) {
        if (!(message instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("not a JSON-RPC message");
        }
        if (!TOOLS_CALL.equals(map.get("method"))) {
            return;
        }
        if (map.get("params") instanceof Map<?, ?> params && params.get("name") instanceof String name) {
            tools.add(name);
            return;
        }
        throw new IllegalArgumentException("tools/call without a tool name");
    }
}
