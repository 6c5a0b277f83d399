package dev.lamo.envs.data;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Runs a range of episodes on a thread pool and hands their results back in index order, whatever order they
 * finish in, so generated files do not depend on the thread count.
 */
public final class OrderedEpisodes {

    private OrderedEpisodes() {
    }

    /** Episodes {@code from} … {@code to − 1}; the first failure is rethrown as it was thrown. */
    public static <T> List<T> run(ExecutorService pool, int from, int to, IntFunction<T> episode) {
        List<Future<T>> futures = new ArrayList<>();
        for (int i = from; i < to; i++) {
            int index = i;
            futures.add(pool.submit(() -> episode.apply(index)));
        }
        List<T> out = new ArrayList<>();
        for (Future<T> f : futures) {
            try {
                out.add(f.get());
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while generating", e);
            }
        }
        return out;
    }
}
