package dev.authplane.core.resource;

import dev.authplane.core.scope.ScopeDefinition;
import dev.authplane.testsupport.TestTimes;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Resource fixtures. {@link #resource()} returns a builder pre-filled with a valid, unique resource
 * (fresh id, slug and URI on every call).
 */
public final class TestResources {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private TestResources() {
    }

    /** A mint resource at {@code https://mcp<n>.example.com/mcp} with a two-scope catalog. */
    public static Resource.Builder resource() {
        int n = SEQUENCE.incrementAndGet();
        return Resource.builder()
                .id("res_" + n)
                .slug("mcp-" + n)
                .uri("https://mcp" + n + ".example.com/mcp")
                .backendKind(BackendKind.MINT)
                .scopes(List.of(new ScopeDefinition("tools/query", "Query tools"), ScopeDefinition.of("tools/call")))
                .createdAt(TestTimes.T0)
                .updatedAt(TestTimes.T0);
    }
}
