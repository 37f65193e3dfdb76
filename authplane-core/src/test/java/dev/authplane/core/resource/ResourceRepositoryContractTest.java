package dev.authplane.core.resource;

import dev.authplane.core.scope.ScopeDefinition;
import dev.authplane.core.storage.DuplicateKeyException;
import dev.authplane.testsupport.Concurrently;
import dev.authplane.testsupport.TestTimes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@link ResourceRepository} contract. An adapter's test extends this class and implements
 * {@link #createRepository()}; every test then runs against that adapter.
 */
public abstract class ResourceRepositoryContractTest {

    protected ResourceRepository repository;

    /** An empty repository; called before every test. */
    protected abstract ResourceRepository createRepository();

    @BeforeEach
    void setUpRepository() {
        repository = createRepository();
    }

    @Test
    void lookupsWhenAbsentThenEmptyNeverNull() {
        assertThat(repository.findById("missing")).isEmpty();
        assertThat(repository.findBySlug("missing")).isEmpty();
        assertThat(repository.findByUri("https://missing.example.com/mcp")).isEmpty();
        assertThat(repository.findAll()).isEmpty();
    }

    @Test
    void updateWhenAbsentThenFalseAndNothingStored() {
        Resource resource = TestResources.resource().build();

        assertThat(repository.update(resource)).isFalse();
        assertThat(repository.findById(resource.id())).isEmpty();
    }

    @Test
    void deleteWhenAbsentThenFalse() {
        assertThat(repository.delete("missing")).isFalse();
    }

    @Test
    void insertThenEveryFieldRoundTripsByIdSlugAndUri() {
        Resource resource = TestResources.resource()
                .uri("https://mcp.example.com:8443/tenants/a/mcp?v=2")
                .scopes(List.of(new ScopeDefinition("z/last", "Zed"), ScopeDefinition.of("a/first")))
                .updatedAt(TestTimes.t0Plus(7200))
                .build();

        repository.insert(resource);

        assertThat(repository.findById(resource.id())).contains(resource);
        assertThat(repository.findBySlug(resource.slug())).contains(resource);
        assertThat(repository.findByUri(resource.uri())).contains(resource);
    }

    @Test
    void resourceWithoutScopesRoundTrips() {
        Resource resource = TestResources.resource().scopes(List.of()).build();

        repository.insert(resource);

        assertThat(repository.findById(resource.id())).contains(resource);
    }

    @Test
    void findByUriComparesByteForByte() {
        Resource resource = TestResources.resource().uri("https://mcp.example.com/mcp").build();
        repository.insert(resource);

        assertThat(repository.findByUri("https://mcp.example.com/mcp/")).isEmpty();
        assertThat(repository.findByUri("https://MCP.example.com/mcp")).isEmpty();
        assertThat(repository.findByUri("https://mcp.example.com/MCP")).isEmpty();
        assertThat(repository.findByUri("http://mcp.example.com/mcp")).isEmpty();
        assertThat(repository.findByUri("https://mcp.example.com/mcp")).contains(resource);
    }

    @Test
    void urisDifferingOnlyInTrailingSlashAreTwoResources() {
        Resource plain = TestResources.resource().uri("https://mcp.example.com/mcp").build();
        Resource slash = TestResources.resource().uri("https://mcp.example.com/mcp/").build();

        repository.insert(plain);
        repository.insert(slash);

        assertThat(repository.findByUri(plain.uri())).contains(plain);
        assertThat(repository.findByUri(slash.uri())).contains(slash);
    }

    @Test
    void insertWhenIdTakenThenDuplicateKey() {
        Resource original = TestResources.resource().build();
        repository.insert(original);

        Resource sameId = TestResources.resource().id(original.id()).build();

        assertThatThrownBy(() -> repository.insert(sameId)).isInstanceOf(DuplicateKeyException.class);
        assertThat(repository.findBySlug(sameId.slug())).isEmpty();
        assertThat(repository.findById(original.id())).contains(original);
    }

    @Test
    void insertWhenSlugTakenThenDuplicateKey() {
        Resource original = TestResources.resource().build();
        repository.insert(original);

        Resource sameSlug = TestResources.resource().slug(original.slug()).build();

        assertThatThrownBy(() -> repository.insert(sameSlug)).isInstanceOf(DuplicateKeyException.class);
        assertThat(repository.findById(sameSlug.id())).isEmpty();
    }

    @Test
    void insertWhenUriTakenThenDuplicateKey() {
        Resource original = TestResources.resource().build();
        repository.insert(original);

        Resource sameUri = TestResources.resource().uri(original.uri()).build();

        assertThatThrownBy(() -> repository.insert(sameUri)).isInstanceOf(DuplicateKeyException.class);
        assertThat(repository.findById(sameUri.id())).isEmpty();
        assertThat(repository.findByUri(original.uri())).contains(original);
    }

    @Test
    void updateReplacesEveryField() {
        Resource original = TestResources.resource().build();
        repository.insert(original);
        Resource changed = original.toBuilder().slug("renamed").uri("https://renamed.example.com/mcp")
                .scopes(List.of(new ScopeDefinition("only/one", "Only"))).updatedAt(TestTimes.t0Plus(5)).build();

        assertThat(repository.update(changed)).isTrue();

        assertThat(repository.findById(original.id())).contains(changed);
        assertThat(repository.findBySlug(original.slug())).isEmpty();
        assertThat(repository.findByUri(original.uri())).isEmpty();
        assertThat(repository.findByUri(changed.uri())).contains(changed);
    }

    @Test
    void updateWhenSlugOrUriTakenByAnotherThenDuplicateKeyAndNothingChanged() {
        Resource first = TestResources.resource().build();
        Resource second = TestResources.resource().build();
        repository.insert(first);
        repository.insert(second);

        assertThatThrownBy(() -> repository.update(second.toBuilder().slug(first.slug()).build()))
                .isInstanceOf(DuplicateKeyException.class);
        assertThatThrownBy(() -> repository.update(second.toBuilder().uri(first.uri()).build()))
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(repository.findById(second.id())).contains(second);
        assertThat(repository.findById(first.id())).contains(first);
    }

    @Test
    void findAllOrdersBySlug() {
        Resource b = TestResources.resource().slug("bravo").build();
        Resource a = TestResources.resource().slug("alpha").build();
        Resource c = TestResources.resource().slug("charlie").build();
        repository.insert(c);
        repository.insert(a);
        repository.insert(b);

        assertThat(repository.findAll()).containsExactly(a, b, c);
    }

    @Test
    void deleteRemovesTheResourceAndFreesSlugAndUri() {
        Resource resource = TestResources.resource().build();
        repository.insert(resource);

        assertThat(repository.delete(resource.id())).isTrue();

        assertThat(repository.findById(resource.id())).isEmpty();
        assertThat(repository.findBySlug(resource.slug())).isEmpty();
        assertThat(repository.findByUri(resource.uri())).isEmpty();
        assertThat(repository.delete(resource.id())).isFalse();
        Resource reuse = TestResources.resource().slug(resource.slug()).uri(resource.uri()).build();
        repository.insert(reuse);
        assertThat(repository.findByUri(resource.uri())).contains(reuse);
    }

    @Test
    void parallelInsertsOfDistinctResourcesLoseNothing() throws Exception {
        int threads = 8;
        int perThread = 50;
        Concurrently.run(threads, t -> {
            for (int i = 0; i < perThread; i++) {
                repository.insert(TestResources.resource().build());
            }
            return null;
        });

        assertThat(repository.findAll()).hasSize(threads * perThread);
    }

    @Test
    void parallelInsertsOfOneUriThenExactlyOneWins() throws Exception {
        List<Boolean> won = Concurrently.run(8, t -> {
            try {
                repository.insert(TestResources.resource().uri("https://contested.example.com/mcp").build());
                return true;
            } catch (DuplicateKeyException e) {
                return false;
            }
        });

        assertThat(won).containsOnlyOnce(true);
        assertThat(repository.findAll()).hasSize(1);
    }
}
