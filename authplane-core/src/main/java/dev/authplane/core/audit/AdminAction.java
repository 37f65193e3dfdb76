package dev.authplane.core.audit;

import java.util.Locale;

/** What an administrative change did; {@link #value()} is the stored form, e.g. {@code client.secret_rotated}. */
public enum AdminAction {
    RESOURCE_CREATED, RESOURCE_DELETED,
    CLIENT_CREATED, CLIENT_UPDATED, CLIENT_DISABLED, CLIENT_ENABLED, CLIENT_DELETED,
    CLIENT_SECRET_ROTATED, CLIENT_KEYS_REPLACED, CLIENT_TOKENS_REVOKED,
    TOKEN_REVOKED,
    SIGNING_KEY_ROTATED, SIGNING_KEY_REVOKED;

    private final String value;

    AdminAction() {
        String name = name().toLowerCase(Locale.ROOT);
        String object = name.startsWith("signing_key") ? "signing_key" : name.substring(0, name.indexOf('_'));
        this.value = object + "." + name.substring(object.length() + 1);
    }

    /** The stored and displayed form: object type, a dot, what happened. */
    public String value() {
        return value;
    }

    /** The kind of object changed: {@code resource}, {@code client}, {@code token} or {@code signing_key}. */
    public String objectType() {
        return value.substring(0, value.indexOf('.'));
    }

    /** The action whose {@link #value()} is {@code value}. */
    public static AdminAction fromValue(String value) {
        for (AdminAction a : values()) {
            if (a.value.equals(value)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown admin action: " + value);
    }
}
