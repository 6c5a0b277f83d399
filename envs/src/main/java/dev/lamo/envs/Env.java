package dev.lamo.envs;

import dev.lamo.envs.spaces.Space;

/**
 * A simulated environment with gymnasium's contract: {@link #reset(long)} starts an episode from a seed
 * and returns the first observation; {@link #step} applies one action and reports what followed.
 *
 * <p>An instance is used by one thread at a time and owns its native state; {@link #close()} frees it.
 * Every random choice inside an episode derives from the seed given to {@code reset}, so the same seed
 * and the same actions give bit-identical episodes.
 *
 * @param <O> observation type ({@code double[]} for state-vector environments)
 * @param <A> action type ({@code double[]} for continuous control, {@code Integer} for discrete)
 */
public interface Env<O, A> extends AutoCloseable {

    EnvSpec spec();

    Space observationSpace();

    Space actionSpace();

    /** Starts a new episode whose randomness comes only from {@code seed}; returns the first observation. */
    O reset(long seed);

    /**
     * Applies one action. After a step that reports {@code terminated} or {@code truncated} the episode is
     * over and the next call must be {@link #reset(long)}; there is no auto-reset.
     *
     * @throws IllegalArgumentException if the action does not fit the action space or is not finite
     * @throws IllegalStateException    if no episode is running
     * @throws SimulationException      if the simulator reports an unstable or invalid state
     */
    Step<O> step(A action);

    /** Number of steps taken in the current episode. */
    int elapsedSteps();

    @Override
    void close();
}
