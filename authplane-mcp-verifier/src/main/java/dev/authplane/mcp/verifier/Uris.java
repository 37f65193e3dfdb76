package dev.authplane.mcp.verifier;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** URI rules shared by the verifier: transport security and well-known paths. */
final class Uris {

    /** RFC 9728 §3: the well-known suffix of a protected resource metadata document. */
    static final String PROTECTED_RESOURCE_WELL_KNOWN = "/.well-known/oauth-protected-resource";
    /** RFC 8414 §3: the well-known suffix of authorization server metadata. */
    static final String AUTHORIZATION_SERVER_WELL_KNOWN = "/.well-known/oauth-authorization-server";

    private Uris() {
    }

    /**
     * Parses an absolute {@code http(s)} URI with a host, no user info and no fragment.
     *
     * @param what names the setting in error messages
     */
    static URI parseHttpUri(String value, String what) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(what + " '" + value + "' is not a valid URI");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
            throw new IllegalArgumentException(what + " '" + value + "' must be an absolute http or https URI");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(what + " '" + value + "' must have a host, no user info and no fragment");
        }
        return uri;
    }

    /**
     * Like {@link #parseHttpUri} but also requires {@code https} unless the host is a loopback
     * address, where plain {@code http} is allowed for development and tests.
     */
    static URI parseSecureUri(String value, String what) {
        URI uri = parseHttpUri(value, what);
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !isLoopback(uri.getHost())) {
            throw new IllegalArgumentException(what + " '" + value + "' must use https (http is allowed only on loopback hosts)");
        }
        return uri;
    }

    /** Loopback by name or literal, without any DNS lookup. */
    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost") || h.equals("::1")
                || h.equals("0:0:0:0:0:0:0:1") || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    /** {@code scheme://authority} of {@code uri}, exactly as written. */
    static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    /** RFC 9728 §3.1 / RFC 8414 §3.1: the well-known segment goes between the host and the path. */
    static String wellKnownUrl(URI base, String wellKnown) {
        return origin(base) + wellKnownPath(base, wellKnown);
    }

    /** The path part of {@link #wellKnownUrl}. */
    static String wellKnownPath(URI base, String wellKnown) {
        String path = base.getRawPath() == null || base.getRawPath().equals("/") ? "" : base.getRawPath();
        return wellKnown + path + (base.getRawQuery() == null ? "" : "?" + base.getRawQuery());
    }
}
