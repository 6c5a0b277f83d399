package dev.lamo.envs.arcade;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The behaviour policy of an arcade dataset: the game's scripted expert, ε-greedy style: each agent step, with
 * probability ε a uniformly random action, otherwise the expert's. ε = 1 is the uniformly random policy (named
 * {@code random}); a middling ε gives "medium" play, between the random and expert reference scores, as
 * d4rl-atari's medium sets sit between random play and the final DQN agent.
 *
 * @param name    {@code random} or {@code scripted}, as recorded in dataset metadata
 * @param epsilon probability of a random action per agent step, in [0, 1]
 */
public record ArcadeBehavior(String name, double epsilon) {

    public ArcadeBehavior {
        if (!(epsilon >= 0 && epsilon <= 1)) {
            throw new IllegalArgumentException("epsilon (--noise) must be in [0, 1] for arcade games, got " + epsilon);
        }
    }

    public static ArcadeBehavior random() {
        return new ArcadeBehavior("random", 1.0);
    }

    /** The scripted expert with random actions at rate {@code epsilon}, or the game's medium rate when null. */
    public static ArcadeBehavior scripted(ArcadeTitle title, Double epsilon) {
        return new ArcadeBehavior("scripted", epsilon == null ? mediumEpsilon(title) : epsilon);
    }

    /**
     * The ε that puts each game's mean return near 45% of the way from the random to the expert reference:
     * measured over 20 episodes for ε in {0, 0.1, 0.25, 0.5, 0.75, 1} (table in the README's dataset section).
     * Pong's expert survives a tenth of random moves unharmed (ε = 0.1 scores 102%), so it needs 0.5.
     */
    public static double mediumEpsilon(ArcadeTitle title) {
        return switch (title) {
            case BREAKOUT -> 0.1;
            case PONG -> 0.5;
            case QBERT -> 0.1;
        };
    }

    public Map<String, Object> details() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("epsilon", epsilon);
        d.put("policy", epsilon == 1 ? "uniformly random actions"
                : "scripted expert; with probability epsilon per agent step a uniformly random action instead");
        return d;
    }

    /**
     * The action for the game's current state. Both draws (the coin and the random action) happen every step, so
     * episodes with different ε share one random stream and differ only where the coin falls differently.
     */
    public int act(ArcadeTitle title, ArcadeGame game, int actionCount, RandomGenerator rng) {
        double u = rng.nextDouble();
        int randomAction = rng.nextInt(actionCount);
        return u < epsilon ? randomAction : title.expertAction(game);
    }
}
