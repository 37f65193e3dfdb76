package dev.authplane.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Remembers every secret the tests create (client secrets, admin keys, access tokens, private key
 * members) so that {@link LogHygieneCheck} can look for them in every log of the run. Only SHA-256
 * digests are written ({@code target/reliability/secret-digests.txt}), so the ledger itself is no
 * leak. A value is recorded whole and, for a JWT or any value with separators, as each of its
 * base64url words of at least {@value #MIN_WORD} characters, because the scanner splits logs into
 * such words. Thread-safe; shared by every test JVM of the run through the file.
 */
final class SecretLedger {

    /** Shorter words are too common to mean anything. */
    static final int MIN_WORD = 16;

    /** What the scanner treats as one word: a base64url run. */
    static final Pattern WORD_SPLIT = Pattern.compile("[^A-Za-z0-9_-]+");

    private SecretLedger() {
    }

    /** The digest file of this run. */
    static Path file() {
        return WorkDir.root().resolve("secret-digests.txt");
    }

    /** Records {@code secret} (a client secret, key, token...); {@code null} is ignored. */
    static synchronized void record(String kind, String secret) {
        if (secret == null || secret.isBlank()) {
            return;
        }
        StringBuilder lines = new StringBuilder();
        for (String word : words(secret)) {
            lines.append(kind).append(' ').append(digest(word)).append('\n');
        }
        try {
            Files.createDirectories(file().getParent());
            Files.writeString(file(), lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Each long word of {@code value}. For a compact JWS the header is skipped: it is the same for
     * every token of a key and holds nothing secret; payload and signature identify the token.
     */
    static Set<String> words(String value) {
        Set<String> words = new HashSet<>();
        String[] parts = WORD_SPLIT.split(value);
        boolean jws = value.startsWith("eyJ") && value.chars().filter(c -> c == '.').count() == 2;
        for (int i = jws ? 1 : 0; i < parts.length; i++) {
            if (parts[i].length() >= MIN_WORD) {
                words.add(parts[i]);
            }
        }
        return words;
    }

    /** Records the private members of every signing key stored at {@code jdbcUrl} (JWK JSON in clear). */
    static void recordPrivateKeys(String jdbcUrl) {
        Databases.privateJwks(jdbcUrl).forEach(SecretLedger::recordPrivateJwk);
    }

    /** Records the private members ({@code d}; for RSA also the CRT values) of a JWK. */
    static void recordPrivateJwk(String jwk) {
        try {
            var node = Http.JSON.readTree(jwk);
            for (String member : java.util.List.of("d", "p", "q", "dp", "dq", "qi")) {
                record("private-key", node.path(member).asText(null));
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a stored private key is not JWK JSON", e);
        }
    }

    static String digest(String word) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(word.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
