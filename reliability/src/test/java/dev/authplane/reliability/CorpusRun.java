package dev.authplane.reliability;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * Sends a corpus of raw requests with a few threads and collects every rule violation and a
 * histogram of answers, so one failing request never hides the others.
 */
final class CorpusRun {

    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Integer> outcomes = Collections.synchronizedMap(new TreeMap<>());

    /** Sends every request to {@code port}, checks each answer with {@code rule}. */
    static CorpusRun send(int port, List<RawHttp.Request> corpus,
                          BiFunction<RawHttp.Request, RawHttp.Response, Optional<String>> rule) throws Exception {
        CorpusRun run = new CorpusRun();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (RawHttp.Request request : corpus) {
                futures.add(pool.submit(() -> run.one(port, request, rule)));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        return run;
    }

    private void one(int port, RawHttp.Request request,
                     BiFunction<RawHttp.Request, RawHttp.Response, Optional<String>> rule) {
        RawHttp.Response response;
        try {
            response = RawHttp.exchange(port, request);
        } catch (RuntimeException e) {
            violations.add(request + ": no answer (" + e.getMessage() + ")");
            return;
        }
        rule.apply(request, response).ifPresent(problem -> violations.add(request + ": " + problem));
        String code = response.body().matches("(?s)\\s*\\{.*\"error\"\\s*:\\s*\"[a-z_]+\".*")
                ? response.body().replaceAll("(?s).*\"error\"\\s*:\\s*\"([a-z_]+)\".*", "$1") : "-";
        outcomes.merge(response.status() + " " + code, 1, Integer::sum);
    }

    List<String> violations() {
        return violations;
    }

    /** Fails with the count and the first 20 violations. */
    void assertNoViolations() {
        if (!violations.isEmpty()) {
            throw new AssertionError(violations.size() + " rule violations, first 20:\n"
                    + String.join("\n", violations.subList(0, Math.min(20, violations.size()))));
        }
    }

    /** e.g. {@code {400 invalid_request=512, 401 invalid_client=300, ...}} */
    Map<String, Integer> outcomes() {
        return outcomes;
    }
}
