package dev.authplane.mcp.verifier.servlet;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Which {@code Origin} and {@code Host} values an MCP endpoint answers, against DNS rebinding: the
 * Streamable HTTP transport says servers MUST validate {@code Origin}. A request without
 * {@code Origin} (every non-browser client) passes the origin check; one with an origin outside
 * the allowlist, including {@code null}, is refused. The host check is off unless hosts are
 * allowed explicitly ({@link #withHostCheck()}), since a proxy may rewrite {@code Host}.
 *
 * <p>For a resource URI on {@code localhost}, {@code 127.0.0.1} or {@code [::1]} every loopback
 * spelling with the same scheme and port is allowed too. Values compare case-insensitively with
 * default ports made explicit. Immutable and thread-safe.
 */
public final class OriginPolicy {

    private static final List<String> LOOPBACK = List.of("localhost", "127.0.0.1", "[::1]");

    private final Set<String> origins;
    private final Set<String> hosts;
    private final boolean checkHost;

    private OriginPolicy(Set<String> origins, Set<String> hosts, boolean checkHost) {
        this.origins = Set.copyOf(origins);
        this.hosts = Set.copyOf(hosts);
        this.checkHost = checkHost;
    }

    /** Allows the resource URI's own origin (and host, once {@linkplain #withHostCheck checked}). */
    public static OriginPolicy forResource(String resourceUri) {
        URI uri = URI.create(Objects.requireNonNull(resourceUri, "resourceUri"));
        Set<String> origins = new LinkedHashSet<>();
        Set<String> hosts = new LinkedHashSet<>();
        addAliases(uri, origins, hosts);
        return new OriginPolicy(origins, hosts, false);
    }

    /**
     * Also allows {@code origin} ({@code scheme://host[:port]}), e.g. a browser client's page.
     *
     * @throws IllegalArgumentException when it is not an http(s) origin
     */
    public OriginPolicy allowOrigin(String origin) {
        URI uri = parseOrigin(origin);
        Set<String> more = new LinkedHashSet<>(origins);
        more.add(originOf(uri));
        return new OriginPolicy(more, hosts, checkHost);
    }

    /** Also allows {@code host} ({@code name[:port]}) in {@code Host}, and turns the host check on. */
    public OriginPolicy allowHost(String host) {
        Set<String> more = new LinkedHashSet<>(hosts);
        more.add(normalizeHost(Objects.requireNonNull(host, "host")));
        return new OriginPolicy(origins, more, true);
    }

    /** Refuses requests whose {@code Host} names no allowed host (the resource's, by default). */
    public OriginPolicy withHostCheck() {
        return new OriginPolicy(origins, hosts, true);
    }

    /**
     * @param origin the request's {@code Origin} header, or {@code null}
     * @param host   the request's {@code Host} header, or {@code null}
     * @return a fixed reason to refuse the request, or {@code null} when it may go on
     */
    public String refusal(String origin, String host) {
        if (origin != null && !origins.contains(normalizedOrigin(origin))) {
            return "the request's Origin is not allowed for this MCP server";
        }
        if (checkHost && (host == null || !hosts.contains(normalizeHost(host)))) {
            return "the request's Host is not allowed for this MCP server";
        }
        return null;
    }

    private static void addAliases(URI uri, Set<String> origins, Set<String> hosts) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = port(uri);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        List<String> names = LOOPBACK.contains(host) ? LOOPBACK : List.of(host);
        for (String name : names) {
            origins.add(scheme + "://" + name + ":" + port);
            hosts.add(name + ":" + port);
            if (port == defaultPort(scheme)) {
                hosts.add(name);
            }
        }
    }

    private static String normalizedOrigin(String origin) {
        try {
            return originOf(parseOrigin(origin.strip()));
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static URI parseOrigin(String origin) {
        URI uri;
        try {
            uri = URI.create(Objects.requireNonNull(origin, "origin"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("origin '" + origin + "' is not a URI");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean bare = uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/");
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || !bare
                || uri.getRawQuery() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("origin '" + origin + "' must be http(s)://host[:port]");
        }
        return uri;
    }

    private static String originOf(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port(uri);
    }

    private static String normalizeHost(String host) {
        return host.strip().toLowerCase(Locale.ROOT);
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : defaultPort(uri.getScheme().toLowerCase(Locale.ROOT));
    }

    private static int defaultPort(String scheme) {
        return "https".equals(scheme) ? 443 : 80;
    }
}
