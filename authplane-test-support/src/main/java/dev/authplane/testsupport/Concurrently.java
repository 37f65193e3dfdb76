package dev.authplane.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Test helper: runs a task on several threads that start together, and reports what each thread
 * returned. A task that throws fails the run with that exception, so no failure is swallowed.
 */
public final class Concurrently {

    /** How long a whole run may take before it counts as hung. */
    public static final long TIMEOUT_SECONDS = 120;

    private Concurrently() {
    }

    /** A task run once per thread; {@code thread} counts from 0. */
    @FunctionalInterface
    public interface Task<T> {
        T run(int thread) throws Exception;
    }

    /**
     * Runs {@code task} on {@code threads} threads released at the same moment.
     *
     * @return each thread's result, indexed by thread number
     */
    public static <T> List<T> run(int threads, Task<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return task.run(thread);
                }));
            }
            ready.await();
            go.countDown();
            return collect(futures);
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T> List<T> collect(List<Future<T>> futures) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        List<T> results = new ArrayList<>();
        for (Future<T> f : futures) {
            long left = deadline - System.nanoTime();
            try {
                results.add(f.get(Math.max(left, 1), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                throw new AssertionError("concurrent run did not finish within " + TIMEOUT_SECONDS + "s", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof Exception ex ? ex : e;
            }
        }
        return results;
    }
}
