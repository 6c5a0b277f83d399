package dev.lamo.envs.behavior;

import dev.lamo.envs.ContinuousEnv;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A behaviour policy that generates data: random actions, a scripted controller, or a trained checkpoint.
 * Implementations are shared by the generator's threads; each episode gets its own {@link Controller}.
 */
public interface Behavior {

    /** Short name recorded in dataset metadata ({@code random}, {@code scripted}, a checkpoint path). */
    String name();

    /** Settings recorded with the name (noise level, checkpoint step and return, deterministic or stochastic). */
    Map<String, Object> details();

    /**
     * A controller for one episode in {@code env}; all of its randomness must come from {@code rng}, so that
     * an episode's data depend only on its seed and never on the thread that generated it.
     */
    Controller controller(ContinuousEnv env, RandomGenerator rng);

    /** Chooses the actions of one episode. */
    interface Controller {
        double[] act(double[] observation);
    }
}
