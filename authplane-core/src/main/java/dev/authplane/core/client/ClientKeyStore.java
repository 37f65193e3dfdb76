package dev.authplane.core.client;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.security.Provider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The parsed public keys of {@code private_key_jwt} clients, ready to verify: parsed once per
 * registration (inline {@code jwks}) or per fetch ({@code jwks_uri}), so a valid assertion costs one
 * signature verification. A fetched set lives {@link #LIFETIME}; an assertion naming a {@code kid}
 * the set lacks triggers one refetch, at most once per {@link #MIN_REFETCH_INTERVAL} per client.
 * When a refetch fails, the keys fetched last stay usable for {@link #MAX_STALENESS}; with no keys
 * at all, the assertion is refused and the operator log names the fetch's cause. Thread-safe.
 */
final class ClientKeyStore {

    /** How long a fetched JWK Set is used before it is fetched again. */
    static final Duration LIFETIME = Duration.ofMinutes(5);
    /** The shortest time between two fetches of one client's set. */
    static final Duration MIN_REFETCH_INTERVAL = Duration.ofSeconds(10);
    /** How long keys fetched last stay usable while refetching fails. */
    static final Duration MAX_STALENESS = Duration.ofHours(1);
    private static final int MAX_CLIENTS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(ClientKeyStore.class);

    /** One registered key and its verifier. */
    record VerifyingKey(JWK jwk, JWSVerifier verifier) {
    }

    private record Entry(ClientKeys source, List<VerifyingKey> keys, Instant fetchedAt, Instant attemptedAt) {
    }

    private final JwksFetcher fetcher;
    private final Clock clock;
    private final Provider cryptoProvider;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, Object> fetchLocks = new ConcurrentHashMap<>();

    /** @param cryptoProvider verifies the assertions' signatures; {@code null} for the JDK's providers */
    ClientKeyStore(JwksFetcher fetcher, Clock clock, Provider cryptoProvider) {
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.cryptoProvider = cryptoProvider;
    }

    /**
     * The client's keys that may have signed with {@code alg}: the one with {@code kid} when the
     * header names one, else every key that fits the algorithm.
     *
     * @throws ClientAuthFailure when no key fits (after one refetch for an unknown {@code kid})
     */
    List<VerifyingKey> candidates(Client client, String kid, JWSAlgorithm alg) {
        ClientKeys source = Objects.requireNonNull(client.keys(), "a private_key_jwt client has keys");
        Entry entry = current(client.clientId(), source, false);
        if (kid != null && find(entry, kid).isEmpty() && source.isRemote()) {
            entry = current(client.clientId(), source, true);
        }
        List<VerifyingKey> fitting = new ArrayList<>();
        for (VerifyingKey key : kid == null ? entry.keys() : find(entry, kid)) {
            if (AssertionAlgorithms.fits(key.jwk(), alg)) {
                fitting.add(key);
            }
        }
        if (fitting.isEmpty()) {
            throw new ClientAuthFailure(kid == null ? "no registered key fits alg " + alg
                    : "no registered key with kid '" + kid + "' fits alg " + alg);
        }
        return fitting;
    }

    private static List<VerifyingKey> find(Entry entry, String kid) {
        return entry.keys().stream().filter(k -> kid.equals(k.jwk().getKeyID())).toList();
    }

    private Entry current(String clientId, ClientKeys source, boolean unknownKid) {
        Entry entry = entries.get(clientId);
        if (entry != null && entry.source().equals(source) && !needsFetch(entry, unknownKid)) {
            return entry;
        }
        if (!source.isRemote()) {
            return remember(clientId, new Entry(source, verifying(ClientKeys.parse(source.jwks(), true)),
                    Instant.MIN, Instant.MIN));
        }
        synchronized (fetchLocks.computeIfAbsent(clientId, k -> new Object())) {
            Entry latest = entries.get(clientId);
            if (latest != null && latest.source().equals(source) && !needsFetch(latest, unknownKid)) {
                return latest;
            }
            return fetch(clientId, source, latest != null && latest.source().equals(source) ? latest : null);
        }
    }

    /** A remote set is refetched when its lifetime ended, or for an unknown kid at the allowed rate. */
    private boolean needsFetch(Entry entry, boolean unknownKid) {
        if (!entry.source().isRemote()) {
            return false;
        }
        Instant now = clock.instant();
        boolean mayTry = !now.isBefore(entry.attemptedAt().plus(MIN_REFETCH_INTERVAL));
        return mayTry && (unknownKid || !now.isBefore(entry.fetchedAt().plus(LIFETIME)));
    }

    private Entry fetch(String clientId, ClientKeys source, Entry previous) {
        Instant now = clock.instant();
        try {
            List<JWK> keys = ClientKeys.parse(fetcher.fetch(source.jwksUri()), false);
            return remember(clientId, new Entry(source, verifying(keys), now, now));
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("Fetching the jwks_uri {} of client_id {} failed: {}", source.jwksUri(), clientId, e.getMessage());
            if (previous != null && now.isBefore(previous.fetchedAt().plus(MAX_STALENESS))) {
                return remember(clientId, new Entry(source, previous.keys(), previous.fetchedAt(), now));
            }
            remember(clientId, new Entry(source, List.of(), Instant.MIN, now));
            throw new ClientAuthFailure("no keys: the client's jwks_uri could not be fetched");
        }
    }

    private Entry remember(String clientId, Entry entry) {
        if (entries.size() >= MAX_CLIENTS && !entries.containsKey(clientId)) {
            entries.clear();
            fetchLocks.clear();
        }
        entries.put(clientId, entry);
        return entry;
    }

    private List<VerifyingKey> verifying(List<JWK> keys) {
        List<VerifyingKey> out = new ArrayList<>();
        for (JWK key : keys) {
            try {
                JWSVerifier verifier = key instanceof ECKey ec ? new ECDSAVerifier(ec) : new RSASSAVerifier((RSAKey) key);
                verifier.getJCAContext().setProvider(cryptoProvider);
                out.add(new VerifyingKey(key, verifier));
            } catch (JOSEException e) {
                LOG.warn("A client key (kid {}) cannot verify signatures and is skipped: {}", key.getKeyID(), e.getMessage());
            }
        }
        return List.copyOf(out);
    }
}
