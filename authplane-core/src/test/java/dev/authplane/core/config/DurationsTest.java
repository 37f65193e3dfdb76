package dev.authplane.core.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The configuration's duration syntax. */
class DurationsTest {

    @Test
    void shortSyntaxBareSecondsAndIsoAreParsed() {
        assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(Durations.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("2d")).isEqualTo(Duration.ofDays(2));
        assertThat(Durations.parse("30")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("PT1H")).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void garbageIsRefusedWithExamples() {
        assertThatThrownBy(() -> Durations.parse("an hour")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("90s");
        assertThatThrownBy(() -> Durations.parse("-1h")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Durations.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void formatUsesTheShortestExactUnit() {
        assertThat(Durations.format(Duration.ofSeconds(3600))).isEqualTo("1h");
        assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    }
}
