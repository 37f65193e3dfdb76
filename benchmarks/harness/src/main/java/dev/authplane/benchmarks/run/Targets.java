package dev.authplane.benchmarks.run;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The targets, checked against the figures of each JDK; the verdicts go to
 * {@code results.md} (a miss says by how much). Targets without a measured figure (PostgreSQL when
 * it was not configured) are left out.
 */
final class Targets {

    private record Target(String text, String figure, ToDoubleFunction<Report.Figure> measure, boolean atLeast,
                          double bound, String unit) {
    }

    private static final List<Target> TARGETS = List.of(
            new Target("token endpoint, ES256, durable H2: >= 1,500 tokens/s", "token_endpoint_h2",
                    Report.Figure::ours, true, 1500, "tokens/s"),
            new Target("token endpoint, H2: p99 <= 20 ms at 64 connections, 1,500 tokens/s offered",
                    "token_endpoint_h2_paced_p99", Report.Figure::ours, false, 20, "ms"),
            new Target("token endpoint, H2: >= 20x Spring Authorization Server", "token_endpoint_h2",
                    Report.Figure::ratio, true, 20, "x"),
            new Target("token endpoint, PostgreSQL: >= 1,000 tokens/s", "token_endpoint_pg",
                    Report.Figure::ours, true, 1000, "tokens/s"),
            new Target("verifier, reused token: >= 200,000 verifications/s per thread", "verifier_reused_token",
                    Report.Figure::ours, true, 200_000, "/s"),
            new Target("verifier, reused token: >= 50x NimbusJwtDecoder", "verifier_reused_token",
                    Report.Figure::ratio, true, 50, "x"),
            new Target("verifier, fresh tokens: within 1.3x of raw nimbus (ours / raw >= 0.769)",
                    "verifier_fresh_vs_raw_nimbus", Report.Figure::ratio, true, 1 / 1.3, ""),
            new Target("memory: no failed request at -Xmx256m under load (H2)", "token_endpoint_h2_failed_requests_ours",
                    Report.Figure::ours, false, 0, "failed"),
            new Target("memory: server alive after the load (H2)", "token_endpoint_h2_server_alive_after_load_ours",
                    Report.Figure::ours, true, 1, ""),
            new Target("token endpoint with revocation and introspection on: within 5% of both off (on / off >= 0.95)",
                    "token_endpoint_h2_revocation_on_vs_off", Report.Figure::ratio, true, 0.95, "x"),
            new Target("token endpoint with the Micrometer binding on: within 5% of off (median of 3 interleaved runs,"
                    + " on / off >= 0.95)", "token_endpoint_h2_metrics_on_vs_off", Report.Figure::ratio, true, 0.95, "x"),
            new Target("token endpoint, native provider, H2: >= 5,000 tokens/s closed loop (issue 19)",
                    "token_endpoint_h2_native_vs_jdk", Report.Figure::ours, true, 5_000, "tokens/s"),
            new Target("token endpoint, native provider, H2: p99 <= 20 ms paced at 2,500 tokens/s (issue 19)",
                    "token_endpoint_h2_native_paced_p99", Report.Figure::ours, false, 20, "ms"),
            new Target("verifier, fresh tokens, native provider: >= 10,000 verifications/s per thread (issue 19)",
                    "verifier_fresh_tokens_native", Report.Figure::ours, true, 10_000, "/s"),
            new Target("verifier, fresh tokens, native provider: >= 10x NimbusJwtDecoder (issue 19)",
                    "verifier_fresh_tokens_native", Report.Figure::ratio, true, 10, "x"),
            new Target("introspection endpoint: no failed request (H2)",
                    "introspection_endpoint_h2_failed_requests_ours", Report.Figure::ours, false, 0, "failed"),
            new Target("private_key_jwt, ES256 client keys: no failed request (H2)",
                    "token_endpoint_h2_private_key_jwt_es256_failed_requests_ours", Report.Figure::ours, false, 0, "failed"),
            new Target("private_key_jwt, RS256 client keys: no failed request (H2)",
                    "token_endpoint_h2_private_key_jwt_rs256_failed_requests_ours", Report.Figure::ours, false, 0, "failed"));

    private Targets() {
    }

    /** Adds one verdict row per target and JDK label to {@code report}; returns how many were missed. */
    static int check(Report report, List<String> labels) {
        int missed = 0;
        for (String label : labels) {
            for (Target t : TARGETS) {
                var figure = report.figure(t.figure() + "_" + label);
                if (figure.isEmpty()) {
                    continue;
                }
                double measured = t.measure().applyAsDouble(figure.get());
                boolean met = t.atLeast() ? measured >= t.bound() : measured <= t.bound();
                missed += met ? 0 : 1;
                String verdict = Double.isNaN(measured) || Double.isInfinite(measured) ? "not measured (no completed request)"
                        : met ? "met" : "missed" + by(t, measured);
                report.target("| " + t.text() + " | " + t.figure() + "_" + label + " | " + Report.number(measured)
                        + (t.unit().isEmpty() ? "" : " " + t.unit()) + " | " + verdict + " |");
            }
        }
        return missed;
    }

    private static String by(Target t, double measured) {
        if (t.bound() == 0 || Double.isNaN(measured)) {
            return "";
        }
        double factor = t.atLeast() ? measured / t.bound() : t.bound() / measured;
        return String.format(java.util.Locale.ROOT, " (at %.0f%% of the target)", factor * 100);
    }
}
