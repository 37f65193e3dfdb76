package dev.authplane.core.audit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An issuance store that forwards every call to another; test doubles extend it and override only
 * what they change (failing writes, recording commits).
 */
public abstract class ForwardingIssuanceRepository implements IssuanceRepository {

    /** The store every call not overridden goes to. */
    protected final IssuanceRepository delegate;

    protected ForwardingIssuanceRepository(IssuanceRepository delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public void record(Issuance issuance) {
        delegate.record(issuance);
    }

    @Override
    public void recordAll(List<Issuance> issuances) {
        delegate.recordAll(issuances);
    }

    @Override
    public List<Issuance> find(IssuanceQuery query) {
        return delegate.find(query);
    }

    @Override
    public int purgeIssuedBefore(Instant cutoff) {
        return delegate.purgeIssuedBefore(cutoff);
    }

    @Override
    public Optional<Issuance> findByJti(String jti) {
        return delegate.findByJti(jti);
    }

    @Override
    public boolean revoke(String jti, Revocation revocation) {
        return delegate.revoke(jti, revocation);
    }

    @Override
    public int revokeClientTokens(String clientId, Instant now, Revocation revocation) {
        return delegate.revokeClientTokens(clientId, now, revocation);
    }

    @Override
    public int revokeResourceTokens(String resourceUri, Instant now, Revocation revocation) {
        return delegate.revokeResourceTokens(resourceUri, now, revocation);
    }

    @Override
    public List<Revocation.RevokedToken> revokedSince(Instant since, Instant now) {
        return delegate.revokedSince(since, now);
    }
}
