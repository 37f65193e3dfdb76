package dev.authplane.core.key;

import dev.authplane.core.storage.DuplicateKeyException;
import dev.authplane.testsupport.Concurrently;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.authplane.testsupport.TestTimes.T0;
import static dev.authplane.testsupport.TestTimes.t0Plus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@link SigningKeyRepository} contract: at most one active key, compare-and-set rotation,
 * retention. An adapter's test extends this class and implements {@link #createRepository()}; an
 * adapter whose store is shared between server nodes also overrides {@link #anotherNode} so that
 * the cluster rules are checked across two repository instances.
 */
public abstract class SigningKeyRepositoryContractTest {

    protected SigningKeyRepository repository;

    /** An empty repository; called before every test. */
    protected abstract SigningKeyRepository createRepository();

    /**
     * A second repository instance on the same store as {@code repository}, as another server
     * node would hold it. The default returns {@code repository} itself (a store local to one node).
     */
    protected SigningKeyRepository anotherNode(SigningKeyRepository repository) {
        return repository;
    }

    @BeforeEach
    void setUpRepository() {
        repository = createRepository();
    }

    private long activeCount() {
        return repository.findAll().stream().filter(k -> k.status() == KeyStatus.ACTIVE).count();
    }

    @Test
    void findWhenEmptyThenEmptyNeverNull() {
        assertThat(repository.findActive()).isEmpty();
        assertThat(repository.findAll()).isEmpty();
        assertThat(repository.deleteRetiredBefore(t0Plus(1))).isZero();
    }

    @Test
    void insertIfNoActiveStoresTheKeyWithEveryField() {
        SigningKey key = TestSigningKeys.active();

        assertThat(repository.insertIfNoActive(key)).isTrue();

        assertThat(repository.findActive()).contains(key);
        assertThat(repository.findActive().orElseThrow().privateJwkJson()).isEqualTo(key.privateJwkJson());
        assertThat(repository.findAll()).containsExactly(key);
    }

    @Test
    void insertIfNoActiveWhenOneIsActiveThenFalseAndNothingWritten() {
        SigningKey first = TestSigningKeys.active();
        SigningKey second = TestSigningKeys.active();
        repository.insertIfNoActive(first);

        assertThat(repository.insertIfNoActive(second)).isFalse();

        assertThat(repository.findActive()).contains(first);
        assertThat(repository.findAll()).containsExactly(first);
    }

    @Test
    void rotateRetiresTheActiveKeyAndActivatesTheNewOne() {
        SigningKey first = TestSigningKeys.active(T0);
        SigningKey second = TestSigningKeys.active(t0Plus(100));
        repository.insertIfNoActive(first);

        assertThat(repository.rotate(first.kid(), second, t0Plus(100), t0Plus(3760))).isTrue();

        assertThat(repository.findActive()).contains(second);
        assertThat(repository.findAll()).containsExactly(second, first.retire(t0Plus(100), t0Plus(3760)));
    }

    @Test
    void rotateWhenExpectedKidIsNotActiveThenFalseAndNothingWritten() {
        SigningKey first = TestSigningKeys.active(T0);
        SigningKey second = TestSigningKeys.active(t0Plus(1));
        repository.insertIfNoActive(first);
        repository.rotate(first.kid(), second, t0Plus(1), t0Plus(100));
        SigningKey late = TestSigningKeys.active(t0Plus(2));

        assertThat(repository.rotate(first.kid(), late, t0Plus(2), t0Plus(200))).isFalse();
        assertThat(repository.rotate("unknown-kid", late, t0Plus(2), t0Plus(200))).isFalse();

        assertThat(repository.findActive()).contains(second);
        assertThat(repository.findAll()).hasSize(2).doesNotContain(late);
    }

    @Test
    void rotateWhenStoreIsEmptyThenFalse() {
        assertThat(repository.rotate("none", TestSigningKeys.active(), T0, t0Plus(1))).isFalse();
        assertThat(repository.findAll()).isEmpty();
    }

    @Test
    void rotateToATakenKidThenDuplicateKeyAndNothingChanged() {
        SigningKey first = TestSigningKeys.active(T0);
        SigningKey second = TestSigningKeys.active(t0Plus(1));
        repository.insertIfNoActive(first);
        repository.rotate(first.kid(), second, t0Plus(1), t0Plus(100));
        SigningKey reused = SigningKey.active(first.kid(), "ES256", first.privateJwkJson(), t0Plus(2));

        assertThatThrownBy(() -> repository.rotate(second.kid(), reused, t0Plus(2), t0Plus(200)))
                .isInstanceOf(DuplicateKeyException.class);

        assertThat(repository.findActive()).contains(second);
        assertThat(repository.findAll()).containsExactly(second, first.retire(t0Plus(1), t0Plus(100)));
    }

    @Test
    void findAllListsActiveFirstThenRetiredNewestFirst() {
        SigningKey k1 = TestSigningKeys.active(T0);
        SigningKey k2 = TestSigningKeys.active(t0Plus(10));
        SigningKey k3 = TestSigningKeys.active(t0Plus(20));
        SigningKey k4 = TestSigningKeys.active(t0Plus(30));
        repository.insertIfNoActive(k1);
        repository.rotate(k1.kid(), k2, t0Plus(10), t0Plus(1000));
        repository.rotate(k2.kid(), k3, t0Plus(20), t0Plus(1010));
        repository.rotate(k3.kid(), k4, t0Plus(30), t0Plus(1020));

        assertThat(repository.findAll()).containsExactly(k4, k3.retire(t0Plus(30), t0Plus(1020)),
                k2.retire(t0Plus(20), t0Plus(1010)), k1.retire(t0Plus(10), t0Plus(1000)));
    }

    @Test
    void deleteRetiredRemovesThatRetiredKeyOnlyAndNeverTheActiveOne() {
        SigningKey k1 = TestSigningKeys.active(T0);
        SigningKey k2 = TestSigningKeys.active(t0Plus(10));
        repository.insertIfNoActive(k1);
        repository.rotate(k1.kid(), k2, t0Plus(10), t0Plus(100));

        assertThat(repository.deleteRetired(k2.kid())).as("the active key").isFalse();
        assertThat(repository.deleteRetired("no-such-kid")).isFalse();
        assertThat(repository.findAll()).hasSize(2);
        assertThat(repository.deleteRetired(k1.kid())).isTrue();
        assertThat(repository.findAll()).containsExactly(k2);
    }

    @Test
    void deleteRetiredBeforeRemovesOnlyRetiredKeysPastPublication() {
        SigningKey k1 = TestSigningKeys.active(T0);
        SigningKey k2 = TestSigningKeys.active(t0Plus(10));
        SigningKey k3 = TestSigningKeys.active(t0Plus(20));
        repository.insertIfNoActive(k1);
        repository.rotate(k1.kid(), k2, t0Plus(10), t0Plus(100));
        repository.rotate(k2.kid(), k3, t0Plus(20), t0Plus(200));

        assertThat(repository.deleteRetiredBefore(t0Plus(200))).as("k1 only; k2 is published until now").isEqualTo(1);
        assertThat(repository.findAll()).containsExactly(k3, k2.retire(t0Plus(20), t0Plus(200)));

        assertThat(repository.deleteRetiredBefore(t0Plus(1_000_000))).isEqualTo(1);
        assertThat(repository.findAll()).as("the active key is never deleted").containsExactly(k3);
    }

    @Test
    void concurrentFirstInsertsFromTwoNodesThenExactlyOneActive() throws Exception {
        SigningKeyRepository other = anotherNode(repository);
        List<Boolean> won = Concurrently.run(8, t ->
                (t % 2 == 0 ? repository : other).insertIfNoActive(TestSigningKeys.active()));

        assertThat(won).containsOnlyOnce(true);
        assertThat(activeCount()).isEqualTo(1);
        assertThat(repository.findAll()).hasSize(1);
        assertThat(other.findActive()).isEqualTo(repository.findActive());
    }

    @Test
    void concurrentRotationsFromTwoNodesThenExactlyOneWins() throws Exception {
        SigningKey first = TestSigningKeys.active(T0);
        repository.insertIfNoActive(first);
        SigningKeyRepository other = anotherNode(repository);
        List<SigningKey> candidates = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            candidates.add(TestSigningKeys.active(t0Plus(1)));
        }

        List<Boolean> won = Concurrently.run(candidates.size(), t -> (t % 2 == 0 ? repository : other)
                .rotate(first.kid(), candidates.get(t), t0Plus(1), t0Plus(3600)));

        assertThat(won).containsOnlyOnce(true);
        SigningKey winner = candidates.get(won.indexOf(true));
        assertThat(repository.findActive()).contains(winner);
        assertThat(repository.findAll()).containsExactly(winner, first.retire(t0Plus(1), t0Plus(3600)));
    }

    @Test
    void rotationStormKeepsExactlyOneActiveKey() throws Exception {
        repository.insertIfNoActive(TestSigningKeys.active(T0));
        SigningKeyRepository other = anotherNode(repository);

        List<Integer> wins = Concurrently.run(4, t -> {
            SigningKeyRepository node = t % 2 == 0 ? repository : other;
            int won = 0;
            for (int i = 0; i < 10; i++) {
                String expected = node.findActive().orElseThrow().kid();
                if (node.rotate(expected, TestSigningKeys.active(t0Plus(1)), t0Plus(1), t0Plus(3600))) {
                    won++;
                }
            }
            return won;
        });

        int rotations = wins.stream().mapToInt(Integer::intValue).sum();
        assertThat(rotations).isPositive();
        assertThat(activeCount()).isEqualTo(1);
        assertThat(repository.findAll()).hasSize(rotations + 1);
    }
}
