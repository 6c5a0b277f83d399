package dev.lamo.policies.runtime;

import dev.lamo.envs.Seeds;
import dev.lamo.policies.Policy;
import dev.lamo.policies.PolicyBatch;
import dev.lamo.policies.PolicyLoader;
import java.nio.file.Path;

/**
 * Loads a run's policy on the engine and prints its actions on the test windows as float bits, one per line; run
 * by {@link EngineWithoutTorchTest} in a JVM whose class path has no PyTorch jar.
 */
public final class EngineOnlyMain {

    private EngineOnlyMain() {
    }

    public static void main(String[] args) {
        try (Policy p = PolicyRuntime.ENGINE.load(PolicyLoader.resolve(Path.of(args[0]), null), 1)) {
            for (float v : actions(p)) {
                System.out.println(Float.floatToIntBits(v));
            }
        }
    }

    static float[] actions(Policy p) {
        PolicyBatch batch = EngineRuns.windows(p.info(), 12, 100, Seeds.rng(21));
        float[] out = new float[12 * p.info().actionSize()];
        p.act(batch, out);
        return out;
    }
}
