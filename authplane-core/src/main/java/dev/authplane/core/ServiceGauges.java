package dev.authplane.core;

import dev.authplane.core.audit.IssuanceRepository;
import dev.authplane.core.client.ClientAuthentication;
import dev.authplane.core.key.KeyManager;
import dev.authplane.core.observe.AuthPlaneGauges;

import java.time.Duration;

/** What an observer samples: read from the services' in-memory state, never from storage. */
record ServiceGauges(ClientAuthentication authenticator, IssuanceRepository issuances, KeyManager keys)
        implements AuthPlaneGauges {
    @Override
    public int secretChecksWaiting() {
        return authenticator.secretChecksWaiting();
    }

    @Override
    public int secretChecksRunning() {
        return authenticator.secretChecksRunning();
    }

    @Override
    public int verifiedSecretsCached() {
        return authenticator.verifiedSecretsCached();
    }

    @Override
    public int lastCommitBatchSize() {
        return IssuanceRepository.lastBatchSize(issuances);
    }

    @Override
    public Duration activeKeyAge() {
        return keys.activeKeyAge();
    }
}
