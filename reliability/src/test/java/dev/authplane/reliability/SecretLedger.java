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

    /** The whole value (when it is one word) and each long word in it. */
    static Set<String> words(String value) {
        Set<String> words = new HashSet<>();
        for (String word : WORD_SPLIT.split(value)) {
            if (word.length() >= MIN_WORD) {
                words.add(word);
            }
        }
        return words;
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
