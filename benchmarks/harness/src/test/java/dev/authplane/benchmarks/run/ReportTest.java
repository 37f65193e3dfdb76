package dev.authplane.benchmarks.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The machine-readable output: RESULT lines and wrk's result line. */
class ReportTest {

    @Test
    void comparedFigureCarriesOursPeerRatioAndUnit(@TempDir Path dir) throws Exception {
        Report report = new Report();
        report.compare("token_endpoint_h2_jdk17", 2000, 40, "tokens/s");
        report.value("es256_sign_jdk17", 2612.4, "signs/s/thread");
        report.write(dir);
        assertThat(report.lines()).containsExactly(
                "RESULT token_endpoint_h2_jdk17 ours=2000 peer=40.0 ratio=50.0 unit=tokens/s",
                "RESULT es256_sign_jdk17 value=2612 unit=signs/s/thread");
        assertThat(Files.readAllLines(dir.resolve("results.txt"))).containsAll(report.lines());
        assertThat(Files.readString(dir.resolve("results.md"))).contains("| token_endpoint_h2_jdk17 | 2000 | 40.0 | 50.0 | tokens/s |");
    }

    @Test
    void numbersAreRoundedToThreeSignificantDigitsBelowAHundred() {
        assertThat(Report.number(123456.7)).isEqualTo("123457");
        assertThat(Report.number(12.345)).isEqualTo("12.3");
        assertThat(Report.number(1.2345)).isEqualTo("1.23");
        assertThat(Report.number(0.012345)).isEqualTo("0.0123");
    }

    @Test
    void wrkResultLineIsParsedIntoSuccessfulResponsesPerSecond() {
        Wrk.Result result = Wrk.parse(List.of("Running 10s test", "WRK requests=20000 duration_us=10000000 connect=0"
                + " read=1 write=0 status=500 timeout=2 p50_us=1500 p90_us=4000 p99_us=9000 max_us=20000"), Path.of("wrk.txt"));
        assertThat(result.okPerSecond()).isEqualTo(1950.0);
        assertThat(result.errors()).isEqualTo(3);
        assertThat(result.p99Micros()).isEqualTo(9000);
    }

    @Test
    void targetCheckSaysWhichTargetsWereMissedAndByHowMuch(@TempDir Path dir) throws Exception {
        Report report = new Report();
        report.compare("token_endpoint_h2_jdk17", 1200, 40, "tokens/s");
        report.value("token_endpoint_h2_paced_p99_jdk17", 12, "ms");
        assertThat(Targets.check(report, List.of("jdk17"))).isEqualTo(1);
        report.write(dir);
        assertThat(Files.readString(dir.resolve("results.md")))
                .contains("| token_endpoint_h2_jdk17 | 1200 tokens/s | missed (at 80% of the target) |")
                .contains("| token_endpoint_h2_jdk17 | 30.0 x | met |")
                .contains("| token_endpoint_h2_paced_p99_jdk17 | 12.0 ms | met |")
                .doesNotContain("token_endpoint_pg");
    }
}
