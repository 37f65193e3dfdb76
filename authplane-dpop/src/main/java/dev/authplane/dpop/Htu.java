package dev.authplane.dpop;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The one form in which a DPoP proof's {@code htu} and a request URL are compared (RFC 9449 §4.3,
 * RFC 3986 §6.2.2-6.2.3): scheme and host lower-cased, a default port dropped, an empty path made
 * {@code /}, dot segments removed, percent-encodings upper-cased, query and fragment dropped.
 */
public final class Htu {

    private Htu() {
    }

    /** @return the normalised URL, or {@code null} when {@code value} is not an absolute http(s) URL */
    public static String normalize(String value) {
        if (value == null) {
            return null;
        }
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
