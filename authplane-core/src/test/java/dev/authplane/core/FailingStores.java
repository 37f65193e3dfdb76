package dev.authplane.core;

import dev.authplane.core.audit.ForwardingIssuanceRepository;
import dev.authplane.core.audit.InMemoryIssuanceRepository;
import dev.authplane.core.audit.Issuance;
import dev.authplane.core.audit.IssuanceRepository;
import dev.authplane.core.client.Client;
import dev.authplane.core.client.ClientRepository;
import dev.authplane.core.client.InMemoryClientRepository;
import dev.authplane.core.key.InMemorySigningKeyRepository;
import dev.authplane.core.key.SigningKey;
import dev.authplane.core.key.SigningKeyRepository;
import dev.authplane.core.resource.InMemoryResourceRepository;
import dev.authplane.core.resource.Resource;
import dev.authplane.core.resource.ResourceRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Stores that fail on demand with a given exception, standing in for a database that goes away:
 * the one part of the system a real adapter cannot make misbehave on cue. Each forwards to a real
 * store (in-memory by default) and throws {@code failure} while it is set: the issuance log on
 * writes, the other stores on every call. Shared by every module's tests (core's test-jar).
 */
public final class FailingStores {

    private FailingStores() {
    }

    /** An issuance log whose writes fail while {@link #failure} is set. */
    public static final class Issuances extends ForwardingIssuanceRepository {
        /** While set, every write throws it. */
        public final AtomicReference<RuntimeException> failure = new AtomicReference<>();

        public Issuances() {
            this(new InMemoryIssuanceRepository());
        }

        public Issuances(IssuanceRepository delegate) {
            super(delegate);
        }

        @Override
        public void record(Issuance issuance) {
            failIfSet(failure);
            super.record(issuance);
        }

        @Override
        public void recordAll(List<Issuance> issuances) {
            failIfSet(failure);
            super.recordAll(issuances);
        }
    }

    /** A client store whose reads and writes fail while {@link #failure} is set. */
    public static final class Clients implements ClientRepository {
        /** While set, every call throws it. */
        public final AtomicReference<RuntimeException> failure = new AtomicReference<>();
        private final ClientRepository delegate = new InMemoryClientRepository();

        @Override
        public void insert(Client client) {
            failIfAsked();
            delegate.insert(client);
        }

        @Override
        public boolean update(Client client) {
            failIfAsked();
            return delegate.update(client);
        }

        @Override
        public Optional<Client> findByClientId(String clientId) {
            failIfAsked();
            return delegate.findByClientId(clientId);
        }

        @Override
        public Optional<Client> findByName(String name) {
            failIfAsked();
            return delegate.findByName(name);
        }

        @Override
        public List<Client> findAll() {
            failIfAsked();
            return delegate.findAll();
        }

        @Override
        public boolean delete(String clientId) {
            failIfAsked();
            return delegate.delete(clientId);
        }

        private void failIfAsked() {
            FailingStores.failIfSet(failure);
        }
    }

    /** A resource store whose reads and writes fail while {@link #failure} is set. */
    public static final class Resources implements ResourceRepository {
        /** While set, every call throws it. */
        public final AtomicReference<RuntimeException> failure = new AtomicReference<>();
        private final ResourceRepository delegate = new InMemoryResourceRepository();

        @Override
        public void insert(Resource resource) {
            failIfAsked();
            delegate.insert(resource);
        }

        @Override
        public boolean update(Resource resource) {
            failIfAsked();
            return delegate.update(resource);
        }

        @Override
        public Optional<Resource> findById(String id) {
            failIfAsked();
            return delegate.findById(id);
        }

        @Override
        public Optional<Resource> findBySlug(String slug) {
            failIfAsked();
            return delegate.findBySlug(slug);
        }

        @Override
        public Optional<Resource> findByUri(String uri) {
            failIfAsked();
            return delegate.findByUri(uri);
        }

        @Override
        public List<Resource> findAll() {
            failIfAsked();
            return delegate.findAll();
        }

        @Override
        public boolean delete(String id) {
            failIfAsked();
            return delegate.delete(id);
        }

        private void failIfAsked() {
            FailingStores.failIfSet(failure);
        }
    }

    /** A signing-key store whose calls fail while {@link #failure} is set. */
    public static final class SigningKeys implements SigningKeyRepository {
        /** While set, every call throws it. */
        public final AtomicReference<RuntimeException> failure = new AtomicReference<>();
        private final SigningKeyRepository delegate;

        public SigningKeys() {
            this(new InMemorySigningKeyRepository());
        }

        public SigningKeys(SigningKeyRepository delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean insertIfNoActive(SigningKey activeKey) {
            failIfSet(failure);
            return delegate.insertIfNoActive(activeKey);
        }

        @Override
        public boolean rotate(String expectedActiveKid, SigningKey newActive, Instant retiredAt, Instant publishUntil) {
            failIfSet(failure);
            return delegate.rotate(expectedActiveKid, newActive, retiredAt, publishUntil);
        }

        @Override
        public Optional<SigningKey> findActive() {
            failIfSet(failure);
            return delegate.findActive();
        }

        @Override
        public List<SigningKey> findAll() {
            failIfSet(failure);
            return delegate.findAll();
        }

        @Override
        public int deleteRetiredBefore(Instant now) {
            failIfSet(failure);
            return delegate.deleteRetiredBefore(now);
        }

        @Override
        public boolean deleteRetired(String kid) {
            failIfSet(failure);
            return delegate.deleteRetired(kid);
        }
    }

    private static void failIfSet(AtomicReference<RuntimeException> failure) {
        RuntimeException e = failure.get();
        if (e != null) {
            throw e;
        }
    }
}
