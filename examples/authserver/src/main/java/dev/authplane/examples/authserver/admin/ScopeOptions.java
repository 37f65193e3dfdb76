package dev.authplane.examples.authserver.admin;

import dev.authplane.core.scope.ScopeDefinition;
import dev.authplane.examples.authserver.CliException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns repeated {@code --scopes name|upstream|description} values into the admin API's scope objects. */
final class ScopeOptions {

    private ScopeOptions() {
    }

    static List<Map<String, String>> parse(List<String> specs) {
        List<Map<String, String>> scopes = new ArrayList<>();
        for (String spec : specs == null ? List.<String>of() : specs) {
            ScopeDefinition scope;
            try {
                scope = ScopeDefinition.parse(spec);
            } catch (IllegalArgumentException e) {
                throw new CliException("--scopes: " + e.getMessage(), CliException.USAGE);
            }
            Map<String, String> view = new LinkedHashMap<>();
            view.put("name", scope.name());
            view.put("description", scope.description());
            scopes.add(view);
        }
        return scopes;
    }
}
