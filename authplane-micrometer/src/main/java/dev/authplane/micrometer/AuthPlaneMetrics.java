package dev.authplane.micrometer;

import dev.authplane.core.error.OAuthError;
import dev.authplane.core.observe.AuthFailureReason;
import dev.authplane.core.observe.AuthPlaneGauges;
import dev.authplane.core.observe.AuthPlaneObserver;
import dev.authplane.core.observe.KeyEvent;
import dev.authplane.dpop.DPoPProofException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The authorization server's meters: an {@link AuthPlaneObserver} that records every outcome in a
 * Micrometer {@link MeterRegistry}. Wire it with {@code AuthPlane.builder(config).observer(new
 * AuthPlaneMetrics(registry))}. Meter names start with {@code authplane.} (Prometheus:
 * {@code authplane_*}); every tag has a small, fixed set of values, except {@code resource} (one per
 * registered resource) and the opt-in {@code client_id} (one per client: a cardinality risk, see the
 * module README, which lists every meter). Thread-safe.
 */
public final class AuthPlaneMetrics implements AuthPlaneObserver {

    /** The {@code resource} tag of a token whose audience is the issuer itself. */
    public static final String ISSUER_AUDIENCE = "issuer";

    private final MeterRegistry registry;
    private final boolean tagClientIds;
    private final Meters.Cached<Counter> issued;
    private final Meters.Cached<Counter> refused;
    private final Timer issuedTime;
    private final Timer refusedTime;
    private final Meters.Cached<Counter> authFailures;
    private final Counter cacheHits;
    private final Counter cacheMisses;
    private final Timer secretChecks;
    private final Timer secretCheckWait;
    private final Meters.Cached<Counter> dpopRejected;
    private final Timer writesOk;
    private final Timer writesFailed;
    private final Timer commitsOk;
    private final Timer commitsFailed;
    private final DistributionSummary commitRows;
    private final Meters.Cached<Counter> keyEvents;
    private final Meters.Cached<Counter> adminChanges;

    /** Meters without a {@code client_id} tag. */
    public AuthPlaneMetrics(MeterRegistry registry) {
        this(registry, false);
    }

    /**
     * @param tagClientIds whether token counters carry a {@code client_id} tag: one time series per
     *                     client and outcome, so only for deployments with few clients
     */
    public AuthPlaneMetrics(MeterRegistry registry, boolean tagClientIds) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.tagClientIds = tagClientIds;
        this.issued = new Meters.Cached<>(tags -> Counter.builder("authplane.tokens.issued")
                .description("Access tokens issued (each one's audit row is durable)").tags(tags).register(registry));
        this.refused = new Meters.Cached<>(tags -> Counter.builder("authplane.tokens.refused")
                .description("Token requests refused, by OAuth error code").tags(tags).register(registry));
        this.issuedTime = Meters.latency(registry, "authplane.token.requests", "Token endpoint time in core",
                "outcome", "issued");
        this.refusedTime = Meters.latency(registry, "authplane.token.requests", "Token endpoint time in core",
                "outcome", "refused");
        this.authFailures = new Meters.Cached<>(tags -> Counter.builder("authplane.client.auth.failures")
                .description("Failed client authentications, by reason").tags(tags).register(registry));
        this.cacheHits = Counter.builder("authplane.secret.cache.lookups").tag("result", "hit")
                .description("Verified-secret cache lookups").register(registry);
        this.cacheMisses = Counter.builder("authplane.secret.cache.lookups").tag("result", "miss")
                .description("Verified-secret cache lookups").register(registry);
        this.secretChecks = Meters.latency(registry, "authplane.secret.checks", "bcrypt checks, their own time");
        this.secretCheckWait = Meters.latency(registry, "authplane.secret.check.wait",
                "Time a bcrypt check waited for a slot in the pool");
        this.dpopRejected = new Meters.Cached<>(tags -> Counter.builder("authplane.dpop.proofs.rejected")
                .description("DPoP proofs rejected at the token endpoint").tags(tags).register(registry));
        this.writesOk = Meters.latency(registry, "authplane.issuance.writes",
                "Time a token waited for its durable audit row", "outcome", "ok");
        this.writesFailed = Meters.latency(registry, "authplane.issuance.writes",
                "Time a token waited for its durable audit row", "outcome", "failed");
        this.commitsOk = Meters.latency(registry, "authplane.issuance.commits", "Issuance group commits",
                "outcome", "ok");
        this.commitsFailed = Meters.latency(registry, "authplane.issuance.commits", "Issuance group commits",
                "outcome", "failed");
        this.commitRows = DistributionSummary.builder("authplane.issuance.commit.rows").baseUnit("rows")
                .description("Rows per issuance group commit").register(registry);
        this.keyEvents = new Meters.Cached<>(tags -> Counter.builder("authplane.signing.key.events")
                .description("Signing key generations, rotations, revocations and failed refreshes").tags(tags)
                .register(registry));
        this.adminChanges = new Meters.Cached<>(tags -> Counter.builder("authplane.admin.changes")
                .description("Administrative changes recorded in the admin audit trail").tags(tags).register(registry));
    }

    @Override
    public void bind(AuthPlaneGauges gauges) {
        Gauge.builder("authplane.secret.checks.waiting", gauges, AuthPlaneGauges::secretChecksWaiting)
                .description("Requests waiting for a bcrypt slot").strongReference(true).register(registry);
        Gauge.builder("authplane.secret.checks.running", gauges, AuthPlaneGauges::secretChecksRunning)
                .description("bcrypt checks running").strongReference(true).register(registry);
        Gauge.builder("authplane.secret.cache.size", gauges, AuthPlaneGauges::verifiedSecretsCached)
                .description("Verified credentials cached").strongReference(true).register(registry);
        Gauge.builder("authplane.issuance.commit.last.rows", gauges, AuthPlaneGauges::lastCommitBatchSize)
                .description("Rows in the latest issuance commit").baseUnit("rows").strongReference(true).register(registry);
        Gauge.builder("authplane.signing.key.age", gauges, g -> g.activeKeyAge().toMillis() / 1000.0)
                .description("Age of this node's active signing key").baseUnit("seconds").strongReference(true)
                .register(registry);
    }

    @Override
    public void tokenIssued(String grantType, String authMethod, String tokenType, String resourceSlug,
                            String clientId, long elapsedNanos) {
        String resource = resourceSlug == null ? ISSUER_AUDIENCE : resourceSlug;
        issued.get(tagClientIds
                ? new String[] {"grant_type", grantType, "auth_method", authMethod, "token_type", tokenType,
                        "resource", resource, "client_id", clientId}
                : new String[] {"grant_type", grantType, "auth_method", authMethod, "token_type", tokenType,
                        "resource", resource}).increment();
        issuedTime.record(elapsedNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void tokenRefused(String grantType, OAuthError error, String clientId, long elapsedNanos) {
        String grant = grantType == null ? "none" : grantType;
        refused.get(tagClientIds
                ? new String[] {"grant_type", grant, "error", error.code(), "client_id", clientId == null ? "none" : clientId}
                : new String[] {"grant_type", grant, "error", error.code()}).increment();
        refusedTime.record(elapsedNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void clientAuthenticationFailed(String authMethod, AuthFailureReason reason) {
        authFailures.get(new String[] {"auth_method", authMethod == null ? "none" : authMethod,
                "reason", reason.tag()}).increment();
    }

    @Override
    public void secretCacheLookup(boolean hit) {
        (hit ? cacheHits : cacheMisses).increment();
    }

    @Override
    public void secretChecked(long waitNanos, long checkNanos) {
        secretCheckWait.record(waitNanos, TimeUnit.NANOSECONDS);
        secretChecks.record(checkNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void dpopProofRejected(DPoPProofException.Reason reason) {
        dpopRejected.get(new String[] {"reason", reason.tag()}).increment();
    }

    @Override
    public void issuanceWritten(long elapsedNanos, boolean succeeded) {
        (succeeded ? writesOk : writesFailed).record(elapsedNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void issuanceBatchCommitted(int rows, long elapsedNanos, boolean succeeded) {
        (succeeded ? commitsOk : commitsFailed).record(elapsedNanos, TimeUnit.NANOSECONDS);
        commitRows.record(rows);
    }

    @Override
    public void keyEvent(KeyEvent event) {
        keyEvents.get(new String[] {"event", event.tag()}).increment();
    }

    @Override
    public void adminChanged(String action) {
        adminChanges.get(new String[] {"action", action}).increment();
    }

    /** The registry the meters are in. */
    public MeterRegistry registry() {
        return registry;
    }
}
