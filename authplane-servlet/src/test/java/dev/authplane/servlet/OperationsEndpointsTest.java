package dev.authplane.servlet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.authplane.core.AuthPlane;
import dev.authplane.core.audit.IssuanceQuery;
import dev.authplane.core.client.ClientRepository;
import dev.authplane.core.client.InMemoryClientRepository;
import dev.authplane.servlet.TestRegistrations.RegisteredClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** Liveness and bounded readiness, the admin audit trail over HTTP, and trace ids on issuance rows. */
class OperationsEndpointsTest {

    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void livenessAndReadinessAnswerUpWithTheirChecks() {
        server = TestServer.start();

        HttpResponse<String> live = server.get("/health/live");
        HttpResponse<String> ready = server.get("/health/ready");

        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(live).get("status").asText()).isEqualTo("up");
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        assertThat(ready.headers().firstValue("Cache-Control")).contains("no-store");
        JsonNode body = TestServer.json(ready);
        assertThat(body.get("status").asText()).isEqualTo("up");
        assertThat(body.get("checks").get("storage").asText()).isEqualTo("up");
        assertThat(body.get("checks").get("signing_key").asText()).isEqualTo("up");
        assertThat(server.get("/health").statusCode()).as("the older path answers as readiness").isEqualTo(200);
    }

    @Test
    void readinessAnswers503WithinItsBoundWhenStorageHangsWhileLivenessStaysUp() throws Exception {
        AtomicBoolean hang = new AtomicBoolean();
        CountDownLatch release = new CountDownLatch(1);
        server = TestServer.start(AuthPlane.builder(TestServer.config(Map.of()))
                .clients(hangingClients(hang, release)).build());
        assertThat(server.get("/health/ready").statusCode()).as("positive control").isEqualTo(200);

        hang.set(true);
        long started = System.nanoTime();
        HttpResponse<String> ready = server.get("/health/ready");
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(TestServer.json(ready).get("checks").get("storage").asText()).isEqualTo("timeout");
        assertThat(elapsedMillis).isBetween(ReadinessProbe.BOUND.toMillis() - 50, 1900L);
        assertThat(server.get("/health/live").statusCode()).isEqualTo(200);

        hang.set(false);
        release.countDown();
        assertThat(server.get("/health/ready").statusCode()).as("up again once storage answers").isEqualTo(200);
    }

    @Test
    void everyAdminChangeIsAnAuditEventWithTheKeysFingerprintAndTheRemoteAddress() {
        server = TestServer.start();
        RegisteredClient client = TestRegistrations.seed(server);
        assertThat(server.admin("POST", "/clients/backend-worker/disable", null).statusCode()).isEqualTo(200);

        HttpResponse<String> response = server.admin("GET", "/audit?since=1h&limit=10", null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).doesNotContain(TestServer.ADMIN_KEY).doesNotContain(client.clientSecret());
        JsonNode events = TestServer.json(response).get("events");
        assertThat(events).hasSize(3);
        assertThat(events.get(0).get("action").asText()).isEqualTo("client.disabled");
        assertThat(events.get(0).get("object_id").asText()).isEqualTo(client.clientId());
        assertThat(events.get(0).get("detail").asText()).isEqualTo("0 tokens revoked");
        assertThat(events.get(1).get("action").asText()).isEqualTo("client.created");
        assertThat(events.get(2).get("action").asText()).isEqualTo("resource.created");
        assertThat(events.get(2).get("object_type").asText()).isEqualTo("resource");
        for (JsonNode event : events) {
            assertThat(event.get("actor").asText()).matches("admin-key:[0-9a-f]{8}");
            assertThat(event.get("remote_address").asText()).isEqualTo("127.0.0.1");
        }
        HttpResponse<String> bad = server.admin("GET", "/audit?client=x", null);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(bad).get("error_description").asText()).contains("accepted: since, limit");
    }

    @Test
    void aValidTraceparentsTraceIdIsRecordedOnTheIssuanceRowAndAnInvalidOneIsReplaced() {
        server = TestServer.start();
        RegisteredClient client = TestRegistrations.seed(server);
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";

        String traced = issue(client, "00-" + traceId + "-00f067aa0ba902b7-01");
        String invalid = issue(client, "00-" + "0".repeat(32) + "-00f067aa0ba902b7-01");
        String none = issue(client, null);

        Map<String, String> rows = new java.util.HashMap<>();
        server.authPlane().admin().listIssuances(IssuanceQuery.lastDay(server.authPlane().clock().instant()))
                .forEach(row -> rows.put(row.jti(), row.traceId()));
        assertThat(rows.get(traced)).isEqualTo(traceId);
        assertThat(rows.get(invalid)).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));
        assertThat(rows.get(none)).matches("[0-9a-f]{32}").isNotEqualTo(rows.get(invalid));
    }

    @Test
    void traceparentParsingFollowsTheW3cRules() {
        String id = "4bf92f3577b34da6a3ce929d0e0e4736";
        assertThat(TraceContext.parse("00-" + id + "-00f067aa0ba902b7-01")).isEqualTo(id);
        assertThat(TraceContext.parse("01-" + id + "-00f067aa0ba902b7-01-future")).as("a later version may add fields")
                .isEqualTo(id);
        assertThat(TraceContext.parse("00-" + id + "-00f067aa0ba902b7-01-extra")).isNull();
        assertThat(TraceContext.parse("ff-" + id + "-00f067aa0ba902b7-01")).isNull();
        assertThat(TraceContext.parse("00-" + id.toUpperCase() + "-00f067aa0ba902b7-01")).isNull();
        assertThat(TraceContext.parse("00-" + id + "-0000000000000000-01")).isNull();
        assertThat(TraceContext.parse("garbage")).isNull();
        assertThat(TraceContext.parse(null)).isNull();
    }

    private String issue(RegisteredClient client, String traceparent) {
        HttpResponse<String> response = traceparent == null ? server.token(TestRegistrations.postForm(client))
                : server.token(TestRegistrations.postForm(client), "traceparent", traceparent);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String token = TestServer.json(response).get("access_token").asText();
        return TestRegistrations.claims(token).get("jti").asText();
    }

    /** An in-memory client store whose health-probe lookup blocks while {@code hang} is set. */
    private static ClientRepository hangingClients(AtomicBoolean hang, CountDownLatch release) {
        ClientRepository delegate = new InMemoryClientRepository();
        return (ClientRepository) Proxy.newProxyInstance(ClientRepository.class.getClassLoader(),
                new Class<?>[] {ClientRepository.class}, (proxy, method, args) -> {
                    if (hang.get() && method.getName().equals("findByClientId") && "health-probe".equals(args[0])) {
                        release.await(30, TimeUnit.SECONDS);
                    }
                    try {
                        return method.invoke(delegate, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
