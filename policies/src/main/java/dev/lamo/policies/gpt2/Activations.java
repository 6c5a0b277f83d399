package dev.lamo.policies.gpt2;

import dev.lamo.policies.nn.Scalars;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/** The activations GPT-2 configurations name. */
public final class Activations {

    private static final float SQRT_2_OVER_PI = (float) Math.sqrt(2 / Math.PI);

    private Activations() {
    }

    /**
     * GPT-2's {@code gelu_new}: 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))). DJL's GELU is the erf form; the two
     * differ by up to 1e-3.
     */
    public static NDArray geluTanh(NDArray x) {
        // out-of-place throughout, and the cube as products: the engine's pow backward gave NaN gradients on a
        // LaMo batch (reacher2d, 5 episodes, step 44 of seed 0) where these products stay finite
        NDArray t = x.mul(x).mul(x).mul(Scalars.constant(0.044715)).add(x).mul(Scalars.constant(SQRT_2_OVER_PI)).tanh();
        return t.add(1).mul(x).mul(Scalars.constant(0.5));
    }

    public static NDArray apply(String name, NDArray x) {
        return switch (name) {
            case "gelu_new" -> geluTanh(x);
            case "gelu" -> Activation.gelu(x);
            case "relu" -> Activation.relu(x);
            default -> throw new IllegalArgumentException("unsupported activation " + name);
        };
    }
}
