package dev.lamo.envs.behavior;

import dev.lamo.envs.kitchen.KitchenDemonstrator;
import dev.lamo.envs.reacher.Reacher2dController;

/** The behaviours the environments module provides by name; trained checkpoints come from elsewhere. */
public final class Behaviors {

    private Behaviors() {
    }

    /** Whether {@code name} is a built-in behaviour ({@code random} or {@code scripted}). */
    public static boolean isBuiltIn(String name) {
        return name.equals("random") || name.equals("scripted");
    }

    /**
     * A built-in behaviour for an environment.
     *
     * @param noise standard deviation of the Gaussian noise a scripted controller adds to its actions; null
     *              for the controller's "medium" default
     */
    public static Behavior builtIn(String name, String envId, Double noise) {
        return builtIn(name, envId, noise, null);
    }

    /**
     * A built-in behaviour, with the kitchen's choice of demonstrations ({@code complete}, {@code partial} or
     * {@code mixed}; null for complete), which no other environment accepts.
     */
    public static Behavior builtIn(String name, String envId, Double noise, String demos) {
        boolean kitchen = envId.equals("kitchen") || envId.startsWith("kitchen-");
        if (demos != null && !(kitchen && name.equals("scripted"))) {
            throw new IllegalArgumentException("demonstration kinds (complete, partial, mixed) exist only for the scripted "
                    + "kitchen behaviour, not for " + name + " in " + envId);
        }
        if (name.equals("random")) {
            return new RandomBehavior();
        }
        if (name.equals("scripted")) {
            if (envId.equals("reacher2d")) {
                return new Reacher2dController(noise == null ? Reacher2dController.MEDIUM_NOISE : noise);
            }
            if (kitchen) {
                return new KitchenDemonstrator(demos == null ? KitchenDemonstrator.Demos.COMPLETE
                        : KitchenDemonstrator.Demos.parse(demos), noise == null ? KitchenDemonstrator.DEFAULT_NOISE : noise);
            }
            throw new IllegalArgumentException("environment '" + envId + "' has no scripted behaviour; use random or a checkpoint");
        }
        throw new IllegalArgumentException("unknown behaviour '" + name + "'; expected random, scripted or a checkpoint path");
    }
}
