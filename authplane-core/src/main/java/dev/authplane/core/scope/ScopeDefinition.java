package dev.authplane.core.scope;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A scope registered on a client or in a resource's catalog: a name (RFC 6749 §3.3 scope-token)
 * and a human description.
 *
 * @param name        the scope token, e.g. {@code tools/query}; never blank, only NQCHARs
 * @param description free text, never null (empty when not given)
 */
public record ScopeDefinition(String name, String description) {

    private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");
    private static final int MAX_NAME_LENGTH = 128;
    private static final int MAX_DESCRIPTION_LENGTH = 512;

    public ScopeDefinition {
        Objects.requireNonNull(name, "name");
        if (!isValidScopeToken(name)) {
            throw new IllegalArgumentException("scope name '" + printable(name)
                    + "' is not a valid scope token (RFC 6749 §3.3: 1-" + MAX_NAME_LENGTH
                    + " printable ASCII characters, no space, '\"' or '\\')");
        }
        description = description == null ? "" : description.strip();
        if (description.length() > MAX_DESCRIPTION_LENGTH
                || description.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("description of scope '" + name + "' must be at most "
                    + MAX_DESCRIPTION_LENGTH + " characters without control characters");
        }
    }

    /** A scope with an empty description. */
    public static ScopeDefinition of(String name) {
        return new ScopeDefinition(name, "");
    }

    /**
     * Parses the admin syntax {@code name|upstream|description} (the admin API (authplane-servlet README)). Mint scopes leave
     * {@code upstream} empty, hence {@code 'tools/query||Query tools'}; a bare {@code name} is
     * accepted too. A non-empty upstream is refused: this server only mints.
     *
     * @throws IllegalArgumentException with a message naming the offending part
     */
    public static ScopeDefinition parse(String spec) {
        Objects.requireNonNull(spec, "spec");
        String[] parts = spec.split("\\|", 3);
        String name = parts[0].strip();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("scope '" + printable(spec)
                    + "' has an empty name; expected name|upstream|description");
        }
        if (parts.length > 1 && !parts[1].isBlank()) {
            throw new IllegalArgumentException("scope '" + printable(name)
                    + "' names an upstream scope; mint resources take none (use name||description)");
        }
        return new ScopeDefinition(name, parts.length > 2 ? parts[2] : "");
    }

    /** True when {@code token} is a syntactically valid RFC 6749 §3.3 scope-token. */
    public static boolean isValidScopeToken(String token) {
        return token != null && !token.isEmpty() && token.length() <= MAX_NAME_LENGTH
                && SCOPE_TOKEN.matcher(token).matches();
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder(Math.min(s.length(), 64));
        s.codePoints().limit(64).forEach(c -> out.append(c >= 0x20 && c < 0x7F ? (char) c : '?'));
        return out.toString();
    }
}
