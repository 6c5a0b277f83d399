package dev.lamo.envs.data;

import dev.lamo.envs.EnvRegistry;
import dev.lamo.envs.EnvSpec;
import dev.lamo.envs.Seeds;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.util.random.RandomGenerator;

/**
 * What a dataset generator is asked for, and the episode plumbing both generators ({@link DatasetGenerator} for
 * vectors, {@link dev.lamo.envs.data.frames.FrameDatasetGenerator} for frames) run it with: episode i is seeded
 * from (seed, i) alone, episodes run in waves on a pool of {@code threads} and are handed over in index order, and
 * the episode that crosses a transition budget is cut there. So the output is byte-identical for any thread count;
 * nothing time-dependent is recorded.
 *
 * @param envId       environment id
 * @param behavior    the behaviour policy ({@link dev.lamo.envs.behavior.Behavior} for vector environments,
 *                    {@link dev.lamo.envs.arcade.ArcadeBehavior} for the arcade games)
 * @param episodes    number of episodes (0 when {@code transitions} is given)
 * @param transitions number of transitions (0 when {@code episodes} is given); the last episode is cut and
 *                    marked as a timeout
 * @param seed        generation seed
 * @param datasetId   dataset id, or null to derive one from env, behaviour and size
 * @param threads     worker threads
 * @param <B>         the behaviour's type
 */
public record GenerationPlan<B>(String envId, B behavior, int episodes, long transitions, long seed, String datasetId,
                                int threads) {

    public GenerationPlan {
        if ((episodes > 0) == (transitions > 0)) {
            throw new IllegalArgumentException("give either a number of episodes or a number of transitions (> 0), got "
                    + episodes + " episodes and " + transitions + " transitions");
        }
        if (transitions > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("at most " + Integer.MAX_VALUE + " transitions, got " + transitions);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
    }

    /** The seed episode {@code index} resets the environment with. */
    public long resetSeed(int index) {
        return Seeds.derive(seed, index);
    }

    /** The behaviour's random stream in episode {@code index}, independent of the reset's. */
    public RandomGenerator behaviorRng(int index) {
        return Seeds.rng(Seeds.derive(seed, index, 1));
    }

    /** The dataset id given, or {@code ENV-BEHAVIOUR-SIZE-sSEED} with the behaviour's name made file-safe. */
    public String datasetId(String behaviorName) {
        return datasetId != null ? datasetId
                : envId + "-" + behaviorName.replaceAll("[^A-Za-z0-9._-]", "_") + "-"
                + (episodes > 0 ? episodes + "ep" : transitions + "tr") + "-s" + seed;
    }

    /** What the plan needs to know of a generated episode. */
    public interface Episode {
        /** Steps. */
        int length();

        /** Undiscounted return of the whole episode, summed in double precision from the environment's rewards. */
        double exactReturn();
    }

    /** Takes the planned episodes in index order. */
    public interface Sink<E> {
        /** The first {@code kept} steps of {@code episode} belong to the dataset (fewer than its length when cut). */
        void accept(E episode, int kept);
    }

    /**
     * What was generated.
     *
     * @param episodes      episodes handed to the sink
     * @param behaviorScore mean normalised score of the episodes that were not cut, null when every one was
     */
    public record Outcome(int episodes, Double behaviorScore) {
    }

    /**
     * Generates episodes with {@code episode} (called on the pool's threads with the episode index) until the
     * plan's episodes or transitions are reached, handing each to {@code sink} in index order.
     *
     * @param episodesDone told the number of episodes handed over after each wave
     */
    public <E extends Episode> Outcome run(IntFunction<E> episode, Sink<E> sink, IntConsumer episodesDone) {
        EnvSpec spec = EnvRegistry.spec(envId);
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "generate-" + envId);
            t.setDaemon(true);
            return t;
        });
        int handed = 0;
        long rows = 0;
        double scoreSum = 0;
        int scored = 0;
        try {
            // waves bound what is held beyond what the sink took: a few episodes per thread
            int wave = Math.max(4, 2 * threads);
            int next = 0;
            boolean done = false;
            while (!done) {
                int to = episodes > 0 ? Math.min(episodes, next + wave) : next + wave;
                List<E> ready = OrderedEpisodes.run(pool, next, to, episode);
                for (E e : ready) {
                    int kept = transitions > 0 ? (int) Math.min(e.length(), transitions - rows) : e.length();
                    sink.accept(e, kept);
                    handed++;
                    rows += kept;
                    if (kept == e.length()) {
                        scoreSum += spec.normalizedScore(e.exactReturn());
                        scored++;
                    }
                    if (transitions > 0 && rows >= transitions) {
                        done = true;
                        break;
                    }
                }
                next = to;
                done |= episodes > 0 && next >= episodes;
                episodesDone.accept(handed);
            }
        } finally {
            pool.shutdownNow();
        }
        return new Outcome(handed, scored == 0 ? null : scoreSum / scored);
    }
}
