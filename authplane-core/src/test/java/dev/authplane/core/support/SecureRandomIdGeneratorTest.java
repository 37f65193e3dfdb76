package dev.authplane.core.support;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SecureRandomIdGeneratorTest {

    private final SecureRandomIdGenerator ids = new SecureRandomIdGenerator();

    @Test
    void newTokenIdWhenGeneratedThen32UnreservedCharacters() {
        String id = ids.newTokenId();

        assertThat(id).hasSize(32).matches("[A-Za-z][-0-9A-Z_a-z]{31}");
    }

    @Test
    void newClientIdNeverStartsWithACharacterACommandLineReadsAsAnOption() {
        byte[] dashFirst = {(byte) 0xf8, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
        SecureRandom dashThenRandom = new SecureRandom() {
            private boolean first = true;

            @Override
            public void nextBytes(byte[] bytes) {
                if (first) {
                    System.arraycopy(dashFirst, 0, bytes, 0, bytes.length);
                    first = false;
                } else {
                    super.nextBytes(bytes);
                }
            }
        };
        SecureRandomIdGenerator scripted = new SecureRandomIdGenerator(dashThenRandom);
        assertThat(java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(dashFirst)).startsWith("-");

        assertThat(scripted.newClientId()).hasSize(22).matches("[A-Za-z0-9][-0-9A-Z_a-z]{21}");
        for (int i = 0; i < 2_000; i++) {
            assertThat(ids.newClientId()).matches("[A-Za-z0-9][-0-9A-Z_a-z]{21}");
        }
    }

    @Test
    void newTokenIdWhenGeneratedManyTimesThenAllDistinct() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            assertThat(seen.add(ids.newTokenId())).isTrue();
        }
    }

    @Test
    void newTokenIdWhenGeneratedLaterThenSortsAfter() throws InterruptedException {
        List<String> generated = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            generated.add(ids.newTokenId());
            Thread.sleep(3);
        }

        assertThat(generated).isSorted();
    }

    @Test
    void newTokenIdWhenSameMillisecondThenTimePrefixSharedAndRandomPartDiffers() {
        String first;
        String second;
        do {
            first = ids.newTokenId();
            second = ids.newTokenId();
        } while (!first.substring(0, 7).equals(second.substring(0, 7)));

        // 42 time bits fill exactly the first 7 characters; the other 25 are random.
        assertThat(first.substring(7)).isNotEqualTo(second.substring(7));
    }

    @Test
    void newTokenIdWhenDecodedThenLeadsWithTheClocksMillis() {
        Instant now = Instant.parse("2026-11-26T10:15:30.123Z");
        SecureRandomIdGenerator fixed = new SecureRandomIdGenerator(new SecureRandom(), Clock.fixed(now, ZoneOffset.UTC));

        String id = fixed.newTokenId();

        String alphabet = "-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";
        long millis = 0;
        for (char c : id.substring(0, 7).toCharArray()) {
            millis = millis << 6 | alphabet.indexOf(c);
        }
        assertThat(millis).isEqualTo(now.toEpochMilli());
        assertThat(fixed.newTokenId()).isNotEqualTo(id).startsWith(id.substring(0, 7));
    }
}
