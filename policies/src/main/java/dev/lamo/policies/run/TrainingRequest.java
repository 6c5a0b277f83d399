package dev.lamo.policies.run;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code lamo train} asks of any algorithm: a new run, or the resumption of one.
 *
 * @param algorithm  the algorithm's registered name
 * @param variant    the label the run records (e.g. {@code lamo-nopt}); null for the algorithm's own name
 * @param envId      environment (null on resume: as recorded)
 * @param data       offline dataset (null for online algorithms and on resume)
 * @param ratio      fraction of trajectories kept (null: all)
 * @param sampleSeed seed of the down-sampling (null: 0)
 * @param lm         language model folder (LaMo)
 * @param corpus     text of LaMo's auxiliary language loss
 * @param steps      steps in total; null for the algorithm's default, or on resume the recorded total
 * @param seed       training seed
 * @param runDir     run directory
 * @param resume     continue the run in {@code runDir} from its latest checkpoint
 * @param overrides  {@code key=value} hyper-parameter overrides
 * @param stopAfter  stop (as if interrupted) after this many steps in this session; 0 for no stop
 */
public record TrainingRequest(String algorithm, String variant, String envId, Path data, Double ratio, Long sampleSeed,
                              Path lm, Path corpus, Long steps, long seed, Path runDir, boolean resume,
                              List<String> overrides, long stopAfter) {

    public TrainingRequest {
        overrides = overrides == null ? List.of() : List.copyOf(overrides);
    }

    /** The planned steps of a new run: the requested ones, or the default; at least 1. */
    public long stepsOr(long byDefault) {
        long n = steps == null ? byDefault : steps;
        if (n < 1) {
            throw new IllegalArgumentException("--steps must be >= 1, got " + n);
        }
        return n;
    }
}
