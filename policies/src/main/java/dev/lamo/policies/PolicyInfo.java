package dev.lamo.policies;

import dev.lamo.results.records.RunConfig;

/**
 * What a policy needs as input and gives as output: everything the harness reads about a policy, sent as it is
 * (through the project's JSON mapper) from a cluster's policy node to its coordinator.
 *
 * @param algorithm       algorithm that trained it
 * @param variant         the run's variant label (the algorithm's name for a plain run)
 * @param envId           environment it acts in
 * @param observationSize values per observation
 * @param actionSize      values per action (1 for discrete policies, which output the action index)
 * @param contextLength   steps of history it reads (1 for Markov policies such as SAC or CQL actors; K for
 *                        Decision Transformers)
 * @param returnScale     divisor of returns-to-go (return-conditioned policies; 1 otherwise)
 * @param returnConditioned whether actions depend on the return-to-go (evaluation then runs per target)
 * @param frames          observations are uint8 stacked frames (read from {@link PolicyBatch#frames()}, with
 *                        {@code observationSize} bytes each), not float vectors
 */
public record PolicyInfo(String algorithm, String variant, String envId, int observationSize, int actionSize,
                         int contextLength, double returnScale, boolean returnConditioned, boolean frames) {

    public PolicyInfo {
        variant = variant == null ? algorithm : variant;
    }

    /** A Markov policy (context 1, not return-conditioned) of a run. */
    public static PolicyInfo markov(RunConfig run, int observationSize, int actionSize, boolean frames) {
        return new PolicyInfo(run.algorithm(), run.variant(), run.envId(), observationSize, actionSize, 1, 1.0, false,
                frames);
    }

    /** A return-conditioned policy reading {@code contextLength} steps. */
    public static PolicyInfo returnConditioned(RunConfig run, int observationSize, int actionSize, int contextLength,
                                               double returnScale, boolean frames) {
        return new PolicyInfo(run.algorithm(), run.variant(), run.envId(), observationSize, actionSize, contextLength,
                returnScale, true, frames);
    }
}
