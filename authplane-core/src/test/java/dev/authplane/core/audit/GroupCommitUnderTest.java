package dev.authplane.core.audit;

import dev.authplane.core.observe.AuthPlaneObserver;
import java.time.Duration;

/**
 * Group commit in front of an adapter's issuance store, for the adapter's own tests (core's
 * test-jar, the adapter kit): what {@link IssuanceRepository#withGroupCommit} builds, plus a look
 * at how many rows wait for the commit in flight, so a test can make batches form on cue.
 */
public final class GroupCommitUnderTest {

    private final GroupCommitIssuanceRepository group;

    private GroupCommitUnderTest(GroupCommitIssuanceRepository group) {
        this.group = group;
    }

    /** Group commit of up to {@code maxBatch} rows over {@code store}. */
    public static GroupCommitUnderTest over(IssuanceRepository store, int maxBatch, Duration maxWait) {
        return new GroupCommitUnderTest(new GroupCommitIssuanceRepository(store, maxBatch, maxWait, AuthPlaneObserver.NONE));
    }

    /** {@link IssuanceRepository#record}: returns once the batch holding this row committed. */
    public void record(Issuance issuance) {
        group.record(issuance);
    }

    /** Rows waiting for the next commit. */
    public int queued() {
        return group.queued();
    }
}
