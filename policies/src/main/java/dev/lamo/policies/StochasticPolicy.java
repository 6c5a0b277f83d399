package dev.lamo.policies;

import java.util.random.RandomGenerator;

/** A policy with an action distribution to sample from (for example SAC's squashed Gaussian). */
public interface StochasticPolicy extends Policy {

    /** Sampled actions; all randomness comes from {@code rng}. */
    void sample(PolicyBatch batch, float[] out, RandomGenerator rng);
}
