package dev.authplane.core.client;

import dev.authplane.core.storage.DuplicateKeyException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link ClientRepository} held in memory, for a single node and for tests. Thread-safe: every
 * method runs under this object's monitor, so both uniqueness rules ({@code client_id} and name)
 * are checked and applied atomically. Contents are lost when the process ends.
 */
public final class InMemoryClientRepository implements ClientRepository {

    private final Map<String, Client> byId = new HashMap<>();
    private final Map<String, String> idByName = new HashMap<>();

    /** An empty repository. */
    public InMemoryClientRepository() {
    }

    @Override
    public synchronized void insert(Client client) {
        Objects.requireNonNull(client, "client");
        if (byId.containsKey(client.clientId())) {
            throw new DuplicateKeyException("a client with this client_id already exists");
        }
        if (idByName.containsKey(client.name())) {
            throw new DuplicateKeyException("a client named '" + client.name() + "' already exists");
        }
        byId.put(client.clientId(), client);
        idByName.put(client.name(), client.clientId());
    }

    @Override
    public synchronized boolean update(Client client) {
        Objects.requireNonNull(client, "client");
        Client existing = byId.get(client.clientId());
        if (existing == null) {
            return false;
        }
        String holder = idByName.get(client.name());
        if (holder != null && !holder.equals(client.clientId())) {
            throw new DuplicateKeyException("a client named '" + client.name() + "' already exists");
        }
        idByName.remove(existing.name());
        idByName.put(client.name(), client.clientId());
        byId.put(client.clientId(), client);
        return true;
    }

    @Override
    public synchronized Optional<Client> findByClientId(String clientId) {
        return Optional.ofNullable(clientId == null ? null : byId.get(clientId));
    }

    @Override
    public synchronized Optional<Client> findByName(String name) {
        String id = name == null ? null : idByName.get(name);
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }

    @Override
    public synchronized List<Client> findAll() {
        List<Client> all = new ArrayList<>(byId.values());
        all.sort(Comparator.comparing(Client::name));
        return List.copyOf(all);
    }

    @Override
    public synchronized boolean delete(String clientId) {
        Client removed = clientId == null ? null : byId.remove(clientId);
        if (removed == null) {
            return false;
        }
        idByName.remove(removed.name());
        return true;
    }
}
