package dev.authplane.micrometer;

import dev.authplane.dpop.DPoPProofException;
import dev.authplane.mcp.verifier.VerificationObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Objects;

/**
 * The MCP verifier's meters: a {@link VerificationObserver} recording into a Micrometer
 * {@link MeterRegistry}. Wire it with {@code TokenVerifier.builder(issuer, resource).observer(new
 * VerifierMetrics(registry))}. Names start with {@code authplane.verifier.}; tags have small fixed
 * value sets (the module README lists every meter). Thread-safe.
 */
public final class VerifierMetrics implements VerificationObserver {

    private final Counter acceptedCached;
    private final Counter acceptedVerified;
    private final Meters.Cached<Counter> rejected;
    private final Meters.Cached<Counter> dpopRejected;
    private final Counter fetchesOk;
    private final Counter fetchesFailed;

    public VerifierMetrics(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        String requests = "authplane.verifier.requests";
        String requestsHelp = "Requests to the protected MCP endpoint, by outcome and reason";
        this.acceptedCached = Counter.builder(requests).description(requestsHelp)
                .tags("outcome", "accepted", "reason", "cached").register(registry);
        this.acceptedVerified = Counter.builder(requests).description(requestsHelp)
                .tags("outcome", "accepted", "reason", "verified").register(registry);
        this.rejected = new Meters.Cached<>(tags -> Counter.builder(requests).description(requestsHelp)
                .tags(tags).register(registry));
        this.dpopRejected = new Meters.Cached<>(tags -> Counter.builder("authplane.verifier.dpop.proofs.rejected")
                .description("DPoP proofs rejected with a bound token").tags(tags).register(registry));
        String fetches = "authplane.verifier.fetches";
        String fetchesHelp = "Fetches of the authorization server's metadata and JWKS";
        this.fetchesOk = Counter.builder(fetches).description(fetchesHelp).tag("outcome", "ok").register(registry);
        this.fetchesFailed = Counter.builder(fetches).description(fetchesHelp).tag("outcome", "failed")
                .register(registry);
    }

    @Override
    public void accepted(boolean cached) {
        (cached ? acceptedCached : acceptedVerified).increment();
    }

    @Override
    public void rejected(String reason) {
        rejected.get(new String[] {"outcome", "rejected", "reason", reason}).increment();
    }

    @Override
    public void dpopProofRejected(DPoPProofException.Reason reason) {
        dpopRejected.get(new String[] {"reason", reason.tag()}).increment();
    }

    @Override
    public void authorizationServerFetched(boolean succeeded) {
        (succeeded ? fetchesOk : fetchesFailed).increment();
    }
}
