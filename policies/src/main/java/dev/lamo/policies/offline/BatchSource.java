package dev.lamo.policies.offline;

import java.util.random.RandomGenerator;

/**
 * Minibatches for a learner: {@link Transitions} for state-vector data, {@link FrameTransitions} for pixel games.
 * Every draw comes from the trainer's checkpointable generator, so a resumed run samples what the straight run did.
 *
 * @param <B> the minibatch type its learners read
 */
interface BatchSource<B> {

    /** {@code n} rows drawn uniformly with replacement. */
    B sample(int n, RandomGenerator rng);
}
