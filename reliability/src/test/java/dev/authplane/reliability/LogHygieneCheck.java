package dev.authplane.reliability;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 8, secrets: runs last (its own surefire execution) and scans every log of the run. This
 * module's logs (test output of every class, the server processes' stdout and stderr) are checked
 * word by word against the {@link SecretLedger}: no client secret, admin key, access token or
 * private key member the tests created may appear. The logs of the modules built before this one
 * in the same reactor run (every {@code -output.txt} under a {@code target/surefire-reports}
 * directory, and every {@code .err} file under a {@code target} directory) are checked for
 * anything shaped like a token, a PEM private key, a private JWK member or a {@code client_secret}
 * value. Findings name the file, line and kind, never the secret.
 */
class LogHygieneCheck {

    private static final Map<String, Pattern> SHAPES = Map.of(
            "JWS (access token)", Pattern.compile("eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{20,}"),
            "PEM private key", Pattern.compile("BEGIN [A-Z ]*PRIVATE KEY"),
            "private JWK member", Pattern.compile("\"(d|p|q|dp|dq|qi)\"\\s*:\\s*\"[A-Za-z0-9_-]{20,}\""),
            "client_secret value", Pattern.compile("client_secret[\"']?\\s*[=:]\\s*[\"']?[A-Za-z0-9_~.-]{16,}"));

    @Test
    void noSecretTheTestsCreatedAppearsInAnyLogOfTheRun() throws IOException {
        Map<String, String> ledger = ledger();
        org.junit.jupiter.api.Assumptions.assumeFalse(ledger.isEmpty(),
                "no behaviour test of this module ran (e.g. -Dtest selected another module's tests): nothing to look for");
        List<Path> files = ownLogs();
        List<String> findings = new ArrayList<>();
        long words = 0;
        for (Path file : files) {
            words += scanWords(file, ledger, findings);
        }
        System.out.printf("log hygiene: %d secret digests (%s) checked against %d words in %d log files of this"
                + " module%n", ledger.size(), new java.util.TreeSet<>(ledger.values()), words, files.size());
        assertThat(findings).as("secrets found in logs").isEmpty();
    }

    @Test
    void noTokenPrivateKeyOrClientSecretAppearsInTheLogsOfTheOtherModules() throws IOException {
        List<Path> files = otherModulesLogs();
        List<String> findings = new ArrayList<>();
        for (Path file : files) {
            scanShapes(file, findings);
        }
        System.out.printf("log hygiene: %d log files of the other modules scanned for token, key and secret shapes%n",
                files.size());
        assertThat(findings).as("secret-shaped values in other modules' logs").isEmpty();
    }

    @Test
    void scannersFindASecretOrATokenPlantedInALog(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        String secret = new dev.authplane.core.support.SecureRandomIdGenerator().randomToken(32);
        String token = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJwbGFudGVkLWNsaWVudCJ9.c2lnbmF0dXJlLW9mLXRoZS1wbGFudGVkLXRva2Vu";
        Path log = Files.writeString(dir.resolve("planted.log"), "12:00:00 INFO x - got secret=" + secret + "\n"
                + "12:00:01 DEBUG y - Authorization: Bearer " + token + "\n");
        Map<String, String> ledger = new HashMap<>();
        SecretLedger.words(secret).forEach(w -> ledger.put(SecretLedger.digest(w), "client-secret"));
        List<String> findings = new ArrayList<>();

        scanWords(log, ledger, findings);
        scanShapes(log, findings);

        assertThat(findings).containsExactlyInAnyOrder("client-secret in " + log + ":1", "JWS (access token) in " + log + ":2");
    }

    private static Map<String, String> ledger() throws IOException {
        Map<String, String> digests = new HashMap<>();
        if (Files.exists(SecretLedger.file())) {
            for (String line : Files.readAllLines(SecretLedger.file())) {
                String[] kindAndDigest = line.split(" ");
                digests.put(kindAndDigest[1], kindAndDigest[0]);
            }
        }
        return digests;
    }

    private static long scanWords(Path file, Map<String, String> ledger, List<String> findings) throws IOException {
        long words = 0;
        int lineNumber = 0;
        try (BufferedReader reader = reader(file)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                for (String word : SecretLedger.WORD_SPLIT.split(line)) {
                    if (word.length() >= SecretLedger.MIN_WORD) {
                        words++;
                        String kind = ledger.get(SecretLedger.digest(word));
                        if (kind != null) {
                            findings.add(kind + " in " + file + ":" + lineNumber);
                        }
                    }
                }
            }
        }
        return words;
    }

    private static void scanShapes(Path file, List<String> findings) throws IOException {
        int lineNumber = 0;
        try (BufferedReader reader = reader(file)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                for (Map.Entry<String, Pattern> shape : SHAPES.entrySet()) {
                    if (shape.getValue().matcher(line).find()) {
                        findings.add(shape.getKey() + " in " + file + ":" + lineNumber);
                    }
                }
            }
        }
    }

    private static BufferedReader reader(Path file) throws IOException {
        return new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE)));
    }

    /** Test output of every test class of this module, the failure reports, and the server processes' output. */
    private static List<Path> ownLogs() throws IOException {
        Path target = WorkDir.root().getParent();
        List<Path> files = new ArrayList<>(list(target.resolve("surefire-reports"), ".txt"));
        files.addAll(list(WorkDir.logs(), ""));
        return files;
    }

    /** Test output of the modules built before this one, and the stderr (logs) of the example processes. */
    private static List<Path> otherModulesLogs() throws IOException {
        Path root = Path.of(System.getProperty("reliability.repository.root", "..")).toAbsolutePath().normalize();
        Path own = WorkDir.root().getParent().getParent().toAbsolutePath().normalize();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root, 6)) {
            walk.filter(Files::isRegularFile).filter(p -> !p.startsWith(own))
                    .filter(p -> p.toString().contains("/target/"))
                    .filter(p -> p.getFileName().toString().endsWith("-output.txt") || p.getFileName().toString().endsWith(".err"))
                    .forEach(files::add);
        }
        return files;
    }

    private static List<Path> list(Path dir, String suffix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
        }
    }
}
