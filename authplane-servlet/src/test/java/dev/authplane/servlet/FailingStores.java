package dev.authplane.servlet;

import dev.authplane.core.audit.InMemoryIssuanceRepository;
import dev.authplane.core.audit.Issuance;
import dev.authplane.core.audit.IssuanceQuery;
import dev.authplane.core.audit.IssuanceRepository;
import dev.authplane.core.client.Client;
import dev.authplane.core.client.ClientRepository;
import dev.authplane.core.client.InMemoryClientRepository;
import dev.authplane.core.resource.InMemoryResourceRepository;
import dev.authplane.core.resource.Resource;
import dev.authplane.core.resource.ResourceRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * In-memory stores that fail on demand with a given storage exception, standing in for a database
 * that goes away: the one part of the system a real adapter cannot make misbehave on cue.
 */
final class FailingStores {

    private FailingStores() {
    }

    /** An issuance log whose writes fail while {@link #failure} is set. */
    static final class Issuances implements IssuanceRepository {
        final AtomicReference<RuntimeException> failure = new AtomicReference<>();
        private final InMemoryIssuanceRepository delegate = new InMemoryIssuanceRepository();

        @Override
        public void record(Issuance issuance) {
            failIfAsked();
            delegate.record(issuance);
        }

        @Override
        public void recordAll(List<Issuance> issuances) {
            failIfAsked();
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

        private void failIfAsked() {
            RuntimeException e = failure.get();
            if (e != null) {
                throw e;
            }
        }
    }

    /** A client store whose reads and writes fail while {@link #failure} is set. */
    static final class Clients implements ClientRepository {
        final AtomicReference<RuntimeException> failure = new AtomicReference<>();
        private final InMemoryClientRepository delegate = new InMemoryClientRepository();

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
            RuntimeException e = failure.get();
            if (e != null) {
                throw e;
            }
        }
    }

    /** A resource store whose reads and writes fail while {@link #failure} is set. */
    static final class Resources implements ResourceRepository {
        final AtomicReference<RuntimeException> failure = new AtomicReference<>();
        private final InMemoryResourceRepository delegate = new InMemoryResourceRepository();

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
            RuntimeException e = failure.get();
            if (e != null) {
                throw e;
            }
        }
    }
}
