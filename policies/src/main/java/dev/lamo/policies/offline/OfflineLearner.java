package dev.lamo.policies.offline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * One offline algorithm's networks, optimizers and update rule. The trainer owns the loop, the data, the
 * random generator and the checkpoints; a learner only updates from a minibatch and saves what it owns.
 *
 * @param <B> the minibatch it learns from ({@link Transitions.Batch} or {@link FrameTransitions.Batch})
 */
interface OfflineLearner<B> extends AutoCloseable {

    /** One gradient step; returns the losses and diagnostics to log. */
    Map<String, Double> update(B batch, RandomGenerator rng);

    /** Writes every tensor and scalar this learner owns into a checkpoint folder; returns the file names. */
    List<String> save(Path dir) throws IOException;

    void load(Path dir) throws IOException;

    @Override
    void close();
}
