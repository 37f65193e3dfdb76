package dev.authplane.servlet;

import dev.authplane.core.client.ClientKeys;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import static dev.authplane.testsupport.ClientAssertionBuilder.newEcKey;
import static dev.authplane.testsupport.ClientAssertionBuilder.publicJwks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@code jwks_uri} fetcher's SSRF and size rules against a real Jetty on loopback: loopback and
 * http are refused unless insecure URIs are allowed (the positive control fetches the same URL with
 * them allowed), redirects stay on one origin, and oversized or non-200 answers are refused.
 */
class HttpsJwksFetcherTest {

    private static final String JWKS = publicJwks(newEcKey("k1"));
    private Server jetty;
    private URI base;

    @BeforeEach
    void start() throws Exception {
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty, 1, 1);
        connector.setHost("127.0.0.1");
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                switch (req.getRequestURI()) {
                    case "/jwks.json" -> write(resp, JWKS);
                    case "/moved" -> resp.sendRedirect("/jwks.json");
                    case "/elsewhere" -> resp.sendRedirect("http://localhost:1/jwks.json");
                    case "/loop" -> resp.sendRedirect("/loop");
                    case "/huge" -> write(resp, " ".repeat(ClientKeys.MAX_JWKS_BYTES + 1));
                    default -> resp.sendError(404);
                }
            }
        }), "/*");
        jetty.setHandler(context);
        jetty.start();
        base = URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    private static void write(HttpServletResponse resp, String body) throws IOException {
        resp.setContentType("application/json");
        resp.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() throws Exception {
        jetty.stop();
    }

    @Test
    void httpAndLoopbackAreRefusedUnlessInsecureUrisAreAllowed() throws Exception {
        HttpsJwksFetcher strict = new HttpsJwksFetcher(false);
        assertThatThrownBy(() -> strict.fetch(base.resolve("/jwks.json"))).isInstanceOf(IOException.class)
                .hasMessageContaining("https");
        URI httpsLoopback = URI.create("https://127.0.0.1:" + base.getPort() + "/jwks.json");
        assertThatThrownBy(() -> strict.fetch(httpsLoopback)).isInstanceOf(IOException.class)
                .hasMessageContaining("non-public address 127.0.0.1");
        URI httpsLocalhost = URI.create("https://localhost:" + base.getPort() + "/jwks.json");
        assertThatThrownBy(() -> strict.fetch(httpsLocalhost)).hasMessageContaining("non-public");

        assertThat(new HttpsJwksFetcher(true).fetch(base.resolve("/jwks.json"))).isEqualTo(JWKS);
    }

    @Test
    void privateLinkLocalAndSpecialAddressesAreNotPublic() throws Exception {
        for (String address : new String[] {"10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1",
                "0.0.0.0", "127.0.0.1", "::1", "fe80::1", "fd00::1", "224.0.0.1", "::ffff:10.0.0.1"}) {
            assertThat(HttpsJwksFetcher.isPublic(InetAddress.getByName(address))).as(address).isFalse();
        }
        assertThat(HttpsJwksFetcher.isPublic(InetAddress.getByName("93.184.216.34"))).isTrue();
        assertThat(HttpsJwksFetcher.isPublic(InetAddress.getByName("2606:4700::1"))).isTrue();
    }

    @Test
    void redirectsAreFollowedOnlyOnTheSameOriginAndOnlyAFewTimes() throws Exception {
        HttpsJwksFetcher dev = new HttpsJwksFetcher(true);
        assertThat(dev.fetch(base.resolve("/moved"))).isEqualTo(JWKS);
        assertThatThrownBy(() -> dev.fetch(base.resolve("/elsewhere"))).hasMessageContaining("another origin");
        assertThatThrownBy(() -> dev.fetch(base.resolve("/loop"))).hasMessageContaining("more than 3 times");
    }

    @Test
    void oversizedAndNon200AnswersAreRefused() throws Exception {
        HttpsJwksFetcher dev = new HttpsJwksFetcher(true);
        assertThatThrownBy(() -> dev.fetch(base.resolve("/huge"))).hasMessageContaining("exceeds");
        assertThatThrownBy(() -> dev.fetch(base.resolve("/missing"))).hasMessageContaining("HTTP 404");
        assertThat(dev.fetch(base.resolve("/jwks.json"))).isEqualTo(JWKS);
    }
}
