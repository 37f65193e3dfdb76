package dev.authplane.mcp.verifier;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** URI rules shared by the verifier: transport security, well-known paths, DPoP {@code htu} form. */
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

    /**
     * RFC 9449 §4.3 / RFC 3986 §6.2.2-6.2.3: the form in which two {@code htu} values are compared.
     * Scheme and host are lower-cased, a default port is dropped, an empty path becomes {@code /},
     * dot segments are removed, percent-encodings are upper-cased, query and fragment are dropped.
     *
     * @return the normalised URL, or {@code null} when {@code value} is not an absolute http(s) URL
     */
    static String normalizeHtu(String value) {
        URI uri;
        try {
            uri = new URI(value).normalize();
        } catch (URISyntaxException e) {
            return null;
        }
        if (uri.getScheme() == null || uri.getRawAuthority() == null || uri.getHost() == null) {
            return null;
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return null;
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : upperCasePercentEncoding(uri.getRawPath());
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port) + path;
    }

    private static String upperCasePercentEncoding(String path) {
        if (path.indexOf('%') < 0) {
            return path;
        }
        StringBuilder sb = new StringBuilder(path);
        for (int i = sb.indexOf("%"); i >= 0 && i + 2 < sb.length(); i = sb.indexOf("%", i + 1)) {
            sb.setCharAt(i + 1, Character.toUpperCase(sb.charAt(i + 1)));
            sb.setCharAt(i + 2, Character.toUpperCase(sb.charAt(i + 2)));
        }
        return sb.toString();
    }
}
