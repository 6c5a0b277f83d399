package dev.lamo.envs;

import java.util.List;

/**
 * Everything about an environment that results depend on and that is recorded beside them.
 *
 * @param id               registry id, for example {@code hopper}
 * @param version          version of the environment's semantics, for example {@code v2} for gym's
 *                         MuJoCo {@code v2} classes that D4RL's {@code -v2} datasets were recorded with
 * @param maxEpisodeSteps  step limit after which an episode is truncated
 * @param refMinScore      return that normalises to 0 (random policy)
 * @param refMaxScore      return that normalises to 100 (expert)
 * @param refScoreSource   where the reference scores come from
 * @param returnScale      divisor of returns-to-go fed to return-conditioned models
 * @param defaultTargets   evaluation return targets of LaMo's code, highest first
 * @param paperTargets     evaluation return targets named in LaMo's paper
 * @param clipActions      whether actions are clipped to the action bounds before stepping, with the
 *                         control cost charged on the clipped action (D4RL's wrapper does this)
 * @param description      one line for listings
 */
public record EnvSpec(
        String id,
        String version,
        int maxEpisodeSteps,
        double refMinScore,
        double refMaxScore,
        String refScoreSource,
        double returnScale,
        List<Double> defaultTargets,
        List<Double> paperTargets,
        boolean clipActions,
        String description) {

    public EnvSpec {
        if (maxEpisodeSteps <= 0) {
            throw new IllegalArgumentException("maxEpisodeSteps must be positive for " + id);
        }
        if (!(refMaxScore > refMinScore)) {
            throw new IllegalArgumentException("reference scores of " + id + " must satisfy max > min");
        }
        defaultTargets = List.copyOf(defaultTargets);
        paperTargets = List.copyOf(paperTargets);
    }

    /** Normalised score in percent: 0 for the random reference, 100 for the expert reference. */
    public double normalizedScore(double episodeReturn) {
        return 100.0 * (episodeReturn - refMinScore) / (refMaxScore - refMinScore);
    }

    /** The same spec with action clipping switched on or off. */
    public EnvSpec withClipActions(boolean clip) {
        return new EnvSpec(id, version, maxEpisodeSteps, refMinScore, refMaxScore, refScoreSource, returnScale,
                defaultTargets, paperTargets, clip, description);
    }
}
