package dev.lamo.policies.nn;

import java.util.random.RandomGenerator;

/**
 * PyTorch's default initialisation of {@code nn.Linear}, drawn from our own seeded generator so that a run
 * is reproducible whatever the engine's random state: weight and bias uniform in ±1/√fan_in (the weight
 * bound is what kaiming-uniform with a = √5 gives).
 */
public final class TorchInit {

    private TorchInit() {
    }

    /** Initialises every {@code *weight} (shape out × in) and {@code *bias} of linear layers in the set. */
    public static void linearLayers(NamedParameters params, RandomGenerator rng) {
        for (String name : params.names()) {
            long[] shape = params.array(name).getShape().getShape();
            if (name.endsWith("weight") && shape.length == 2) {
                params.set(name, uniform(rng, (int) (shape[0] * shape[1]), 1 / Math.sqrt(shape[1])));
                String bias = name.substring(0, name.length() - "weight".length()) + "bias";
                if (params.asMap().containsKey(bias)) {
                    params.set(bias, uniform(rng, (int) shape[0], 1 / Math.sqrt(shape[1])));
                }
            }
        }
    }

    public static float[] uniform(RandomGenerator rng, int n, double bound) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) ((2 * rng.nextDouble() - 1) * bound);
        }
        return out;
    }
}
