package dev.authplane.benchmarks.run;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a server's JFR recording ({@code BENCH_PROFILE=1}) and says where its Java threads spent
 * the measured window: the share of execution samples whose stack contains each step of the token
 * path (inclusive), and the hottest leaf methods. Written next to the recording as
 * {@code <server>-profile.txt}. GC, JIT and kernel time are not in these samples; the run's
 * {@code server_cpu_per_token} figure counts them.
 */
final class ProfileBreakdown {

    /** Steps of both servers' token paths, by the method whose frame marks them. */
    private static final Map<String, String> STEPS = new LinkedHashMap<>();

    static {
        STEPS.put("token endpoint servlet, total (AuthPlane)", "dev.authplane.servlet.TokenEndpointServlet.service");
        STEPS.put("request parsing", "dev.authplane.servlet.TokenRequestParser.parse");
        STEPS.put("client authentication", "dev.authplane.core.client.ClientAuthenticator.authenticate");
        STEPS.put("  of which the client lookup", "dev.authplane.jdbc.JdbcClientRepository.findByClientId");
        STEPS.put("resource lookup", "dev.authplane.core.token.TokenService.resolveResource");
        STEPS.put("minting, total", "dev.authplane.core.token.MintIssuer.mint");
        STEPS.put("  of which ES256 signing", "com.nimbusds.jose.crypto.ECDSASigner.sign");
        STEPS.put("  of which the issuance row (group commit)", "dev.authplane.core.audit.GroupCommitIssuanceRepository.record");
        STEPS.put("    of which the database commit", "java.sql.Connection.commit");
        STEPS.put("response writing", "dev.authplane.servlet.TokenResponses.writeToken");
        STEPS.put("security filter chain, total (peer)", "org.springframework.security.web.FilterChainProxy.doFilter");
        STEPS.put("bcrypt (peer: every request)", "org.springframework.security.crypto.bcrypt.BCrypt.checkpw");
        STEPS.put("JWT encoding incl. signing (peer)", "org.springframework.security.oauth2.jwt.NimbusJwtEncoder.encode");
        STEPS.put("authorization row (peer)", "org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService.save");
        STEPS.put("client lookup (peer)", "org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository.findByClientId");
    }

    private ProfileBreakdown() {
    }

    /** Writes the breakdown of the samples taken between {@code from} and {@code to}. */
    static void write(Path recording, Instant from, Instant to, Path out) throws IOException {
        Map<String, Integer> inclusive = new HashMap<>();
        Map<String, Integer> leaves = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null
                    || event.getStartTime().isBefore(from) || event.getStartTime().isAfter(to)) {
                continue;
            }
            samples++;
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (!frames.isEmpty()) {
                leaves.merge(name(frames.get(0)), 1, Integer::sum);
            }
            Set<String> seen = new HashSet<>();
            for (RecordedFrame frame : frames) {
                String name = name(frame);
                if (seen.add(name)) {
                    inclusive.merge(name, 1, Integer::sum);
                }
            }
        }
        Files.write(out, lines(samples, inclusive, leaves));
    }

    private static List<String> lines(int samples, Map<String, Integer> inclusive, Map<String, Integer> leaves) {
        List<String> lines = new ArrayList<>();
        lines.add("Java execution samples in the measured window: " + samples);
        lines.add("Share of samples whose stack contains the step (inclusive):");
        int total = Math.max(1, samples);
        for (Map.Entry<String, String> step : STEPS.entrySet()) {
            int n = inclusive.getOrDefault(step.getValue(), 0)
                    + (step.getValue().equals("java.sql.Connection.commit") ? commits(inclusive) : 0);
            if (n > 0) {
                lines.add(String.format(Locale.ROOT, "%6.1f%%  %s (%s)", 100.0 * n / total, step.getKey(), step.getValue()));
            }
        }
        lines.add("Hottest leaf methods:");
        leaves.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(15)
                .forEach(e -> lines.add(String.format(Locale.ROOT, "%6.1f%%  %s", 100.0 * e.getValue() / total, e.getKey())));
        return lines;
    }

    /** Commits are driver methods ({@code JdbcConnection.commit} for H2, {@code PgConnection.commit}). */
    private static int commits(Map<String, Integer> inclusive) {
        return inclusive.getOrDefault("org.h2.jdbc.JdbcConnection.commit", 0)
                + inclusive.getOrDefault("org.postgresql.jdbc.PgConnection.commit", 0);
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }
}
