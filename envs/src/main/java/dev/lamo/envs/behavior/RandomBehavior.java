package dev.lamo.envs.behavior;

import dev.lamo.envs.ContinuousEnv;
import dev.lamo.envs.spaces.BoxSpace;
import java.util.Map;
import java.util.random.RandomGenerator;

/** Uniformly random actions within the action bounds (D4RL's {@code random} datasets). */
public final class RandomBehavior implements Behavior {

    @Override
    public String name() {
        return "random";
    }

    @Override
    public Map<String, Object> details() {
        return Map.of("distribution", "uniform within the action bounds");
    }

    @Override
    public Controller controller(ContinuousEnv env, RandomGenerator rng) {
        BoxSpace space = (BoxSpace) env.actionSpace();
        return observation -> {
            double[] a = new double[space.flatSize()];
            for (int i = 0; i < a.length; i++) {
                a[i] = space.low(i) + (space.high(i) - space.low(i)) * rng.nextDouble();
            }
            return a;
        };
    }
}
