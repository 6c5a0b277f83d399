package dev.lamo.envs.behavior;

/**
 * A hand-written controller used as a behaviour policy, with Gaussian action noise of a chosen standard
 * deviation (how "medium" or "expert" its data are); recorded in dataset metadata as {@code scripted}.
 */
public abstract class ScriptedBehavior implements Behavior {

    /** Standard deviation of the Gaussian noise added to every action component before clipping. */
    protected final double noise;

    protected ScriptedBehavior(double noise) {
        if (!(noise >= 0)) {
            throw new IllegalArgumentException("noise must be >= 0, got " + noise);
        }
        this.noise = noise;
    }

    @Override
    public final String name() {
        return "scripted";
    }
}
