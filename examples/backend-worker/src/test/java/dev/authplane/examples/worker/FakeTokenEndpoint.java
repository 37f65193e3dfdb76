package dev.authplane.examples.worker;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A token endpoint on a loopback port that records each request and answers with a fixed response. */
final class FakeTokenEndpoint implements AutoCloseable {

    /** One recorded request. */
    record Recorded(String body, String authorization, String contentType, String dpop) {
    }

    private final HttpServer server;
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final List<Answer> answers = new CopyOnWriteArrayList<>(List.of(new Answer(200, "{}", Map.of())));

    /** One canned response. */
    record Answer(int status, String body, Map<String, String> headers) {
    }

    FakeTokenEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/oauth/token", exchange -> {
            String requestBody = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Recorded(requestBody, exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), exchange.getRequestHeaders().getFirst("DPoP")));
            Answer next = answers.size() > 1 ? answers.remove(0) : answers.get(0);
            byte[] answer = next.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            next.headers().forEach(exchange.getResponseHeaders()::add);
            exchange.sendResponseHeaders(next.status(), answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
    }

    /** Every request gets this answer. */
    void answer(int status, String body) {
        answers.clear();
        answers.add(new Answer(status, body, Map.of()));
    }

    /** The given answers in turn; the last one repeats. */
    void answers(Answer... sequence) {
        answers.clear();
        answers.addAll(List.of(sequence));
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/oauth/token");
    }

    List<Recorded> requests() {
        return requests;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
