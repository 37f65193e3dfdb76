package dev.authplane.core.audit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

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
}
