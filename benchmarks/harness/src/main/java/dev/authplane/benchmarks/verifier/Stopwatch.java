package dev.authplane.benchmarks.verifier;

import java.util.List;
import java.util.function.IntSupplier;

/**
 * Single-threaded throughput loops, bounded in both time and count. Results feed a sink so that
 * the JIT cannot drop the measured work.
 */
final class Stopwatch {

    private static volatile int sink;

    private Stopwatch() {
    }

    /**
     * Checks every token of {@code tokens} once, in order.
     *
     * @return checks per second
     */
    static double overTokens(Contenders.Check check, List<String> tokens) throws Exception {
        int acc = 0;
        long start = System.nanoTime();
        for (String token : tokens) {
            acc += check.verify(token);
        }
        long elapsed = System.nanoTime() - start;
        sink += acc;
        return tokens.size() * 1e9 / elapsed;
    }

    /**
     * Checks the same token repeatedly for {@code seconds} (at most {@code maxOps} times).
     *
     * @return checks per second
     */
    static double repeated(Contenders.Check check, String token, double seconds, long maxOps) throws Exception {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long start = System.nanoTime();
        long ops = 0;
        int acc = 0;
        long now;
        do {
            for (int i = 0; i < 64; i++) {
                acc += check.verify(token);
            }
            ops += 64;
            now = System.nanoTime();
        } while (now < deadline && ops < maxOps);
        sink += acc;
        return ops * 1e9 / (now - start);
    }

    /** Runs {@code op} repeatedly for {@code seconds}; returns operations per second. */
    static double timed(IntSupplier op, double seconds) {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long start = System.nanoTime();
        long ops = 0;
        int acc = 0;
        long now;
        do {
            acc += op.getAsInt();
            ops++;
            now = System.nanoTime();
        } while (now < deadline);
        sink += acc;
        return ops * 1e9 / (now - start);
    }

    /** The median of {@code values} (not empty). */
    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
