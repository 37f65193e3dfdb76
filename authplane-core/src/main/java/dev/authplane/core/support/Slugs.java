package dev.authplane.core.support;

import java.util.regex.Pattern;

/**
 * The one rule for a resource slug, shared by the resource itself and every list that names
 * resources (a client's resource list): 1-64 characters, lower-case letters, digits and
 * {@code '-'}, not starting with {@code '-'}.
 */
public final class Slugs {

    /** The slug rule, for messages. */
    public static final String RULE = "^[a-z0-9][a-z0-9-]{0,63}$";

    private static final Pattern SLUG = Pattern.compile(RULE);

    private Slugs() {
    }

    /** @return whether {@code value} is a well-formed slug ({@code null} is not) */
    public static boolean isValid(String value) {
        return value != null && SLUG.matcher(value).matches();
    }

    /**
     * @return {@code value} unchanged
     * @throws IllegalArgumentException naming the rule when it is not a slug
     */
    public static String require(String value) {
        if (!isValid(value)) {
            throw new IllegalArgumentException("slug '" + value
                    + "' must match " + RULE + " (lower-case letters, digits, '-')");
        }
        return value;
    }
}
