package dev.lamo.policies;

/**
 * What a policy needs as input and gives as output.
 *
 * @param algorithm       algorithm that trained it
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
public record PolicyInfo(String algorithm, String envId, int observationSize, int actionSize, int contextLength,
                         double returnScale, boolean returnConditioned, boolean frames) {

    /** A policy on float vector observations. */
    public PolicyInfo(String algorithm, String envId, int observationSize, int actionSize, int contextLength,
                      double returnScale, boolean returnConditioned) {
        this(algorithm, envId, observationSize, actionSize, contextLength, returnScale, returnConditioned, false);
    }
}
