package dev.authplane.reliability;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 8, timing: no client-id oracle and no key-prefix oracle. An unknown client and a known
 * client with a wrong secret take the same time (medians within {@value #MEDIAN_TOLERANCE_PERCENT}%,
 * interleaved samples, realistic bcrypt cost); a wrong admin key takes the same time whether it
 * shares a long prefix with the real key, differs at its first character, or has another length.
 * The comparisons themselves are constant-time by construction, which the last test checks in the
 * sources: secrets and keys are compared with {@code MessageDigest.isEqual} (after hashing, so
 * lengths do not leak either) or through bcrypt's own constant-time check.
 */
class TimingTest {

    static final int MEDIAN_TOLERANCE_PERCENT = 20;

    /** Untimed rounds first, so that JIT compilation and connection set-up do not land in one sample set. */
    static final int WARM_UP_ROUNDS = 40;

    @Test
    void unknownClientAndKnownClientWithWrongSecretTakeTheSameTime() throws Exception {
        Map<String, Map<String, Object>> settings = Map.of("security", Map.of("bcrypt_cost", 10,
                "max_failed_auth_per_client", 0, "max_failed_auth_per_address", 0));
        try (HikariDataSource pool = Databases.pool(Databases.h2FileUrl(WorkDir.fresh("timing")), 10);
             EmbeddedServer server = EmbeddedServer.start(pool, settings)) {
            server.registerResource();
            TestClient known = server.registerClient("timing-known", "client_secret_post");
            Supplier<HttpResponse<String>> unknownClient = () -> server.token(
                    new TestClient("unknown-" + UUID.randomUUID(), "guess-" + UUID.randomUUID(), "client_secret_post"));
            Supplier<HttpResponse<String>> wrongSecret = () -> server.token(
                    new TestClient(known.clientId(), "guess-" + UUID.randomUUID(), "client_secret_post"));

            List<List<Long>> samples = interleaved(Sizes.pick(60, 300), 401, unknownClient, wrongSecret);

            long unknown = median(samples.get(0));
            long wrong = median(samples.get(1));
            System.out.printf("timing (%s): invalid_client median %.2f ms for an unknown client, %.2f ms for a known"
                    + " client with a wrong secret%n", Sizes.mode(), unknown / 1e6, wrong / 1e6);
            assertWithinTolerance(unknown, wrong);
        }
    }

    @Test
    void wrongAdminKeysTakeTheSameTimeWhateverTheyShareWithTheRealKey() throws Exception {
        try (HikariDataSource pool = Databases.pool(Databases.h2FileUrl(WorkDir.fresh("timing-admin")), 10);
             EmbeddedServer server = EmbeddedServer.start(pool, Map.of())) {
            String key = server.adminKey();
            String longPrefix = key.substring(0, key.length() - 1) + (key.endsWith("A") ? "B" : "A");
            String firstCharDiffers = (key.startsWith("A") ? "B" : "A") + key.substring(1);
            String otherLength = key + key;

            List<List<Long>> samples = interleaved(Sizes.pick(300, 3_000), 401,
                    () -> Http.admin(server.uri("/"), longPrefix, "GET", "/clients", null),
                    () -> Http.admin(server.uri("/"), firstCharDiffers, "GET", "/clients", null),
                    () -> Http.admin(server.uri("/"), otherLength, "GET", "/clients", null));

            long prefix = median(samples.get(0));
            long first = median(samples.get(1));
            long length = median(samples.get(2));
            System.out.printf("timing (%s): admin 401 median %.3f ms (all but the last character right), %.3f ms (first"
                    + " character wrong), %.3f ms (other length)%n", Sizes.mode(), prefix / 1e6, first / 1e6, length / 1e6);
            assertWithinTolerance(prefix, first);
            assertWithinTolerance(prefix, length);
        }
    }

    @Test
    void secretsAndKeysAreComparedOnlyInConstantTime() throws IOException {
        Path root = Path.of(System.getProperty("reliability.repository.root", "..")).toAbsolutePath().normalize();
        Map<String, String> comparisons = Map.of(
                "authplane-servlet/src/main/java/dev/authplane/servlet/AdminKey.java", "MessageDigest.isEqual(",
                "authplane-core/src/main/java/dev/authplane/core/client/VerifiedSecretCache.java", "MessageDigest.isEqual(",
                "authplane-core/src/main/java/dev/authplane/core/client/ClientSecretHasher.java", "BCrypt.checkpw(",
                "authplane-core/src/main/java/dev/authplane/core/dpop/DPoPNonces.java", "MessageDigest.isEqual(");
        for (Map.Entry<String, String> file : comparisons.entrySet()) {
            String source = Files.readString(root.resolve(file.getKey()));
            assertThat(source).as(file.getKey()).contains(file.getValue())
                    .doesNotContain("Arrays.equals(").doesNotContainPattern("(?i)(secret|key|tag|digest|hash)\\w*\\.equals\\(");
        }
    }

    /** Runs the suppliers in turn {@code rounds} times (after a warm-up) and returns each one's latencies in ns. */
    @SafeVarargs
    private static List<List<Long>> interleaved(int rounds, int expectedStatus, Supplier<HttpResponse<String>>... calls) {
        for (int i = 0; i < WARM_UP_ROUNDS; i++) {
            for (Supplier<HttpResponse<String>> call : calls) {
                call.get();
            }
        }
        List<List<Long>> samples = new ArrayList<>();
        for (int c = 0; c < calls.length; c++) {
            samples.add(new ArrayList<>());
        }
        for (int i = 0; i < rounds; i++) {
            for (int c = 0; c < calls.length; c++) {
                long start = System.nanoTime();
                HttpResponse<String> response = calls[c].get();
                samples.get(c).add(System.nanoTime() - start);
                assertThat(response.statusCode()).isEqualTo(expectedStatus);
            }
        }
        return samples;
    }

    private static long median(List<Long> values) {
        return BcryptFloodTest.percentile(values, 50);
    }

    private static void assertWithinTolerance(long a, long b) {
        double difference = Math.abs(a - b) * 100.0 / Math.max(a, b);
        assertThat(difference).as("difference of the medians in percent (%d ns vs %d ns)", a, b)
                .isLessThanOrEqualTo(MEDIAN_TOLERANCE_PERCENT);
    }
}
