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
        layers(params, rng, 2);
    }

    /**
     * Initialises linear and convolution layers alike, as {@code nn.Linear} and {@code nn.Conv2d} do: a weight of
     * shape (out, in, kh, kw) has fan_in = in · kh · kw, and weight and bias are uniform in ±1/√fan_in.
     */
    public static void linearAndConvLayers(NamedParameters params, RandomGenerator rng) {
        layers(params, rng, 4);
    }

    private static void layers(NamedParameters params, RandomGenerator rng, int maxRank) {
        for (String name : params.names()) {
            long[] shape = params.array(name).getShape().getShape();
            if (name.endsWith("weight") && shape.length >= 2 && shape.length <= maxRank) {
                long fanIn = 1;
                for (int d = 1; d < shape.length; d++) {
                    fanIn *= shape[d];
                }
                params.set(name, uniform(rng, (int) (shape[0] * fanIn), 1 / Math.sqrt(fanIn)));
                String bias = name.substring(0, name.length() - "weight".length()) + "bias";
                if (params.asMap().containsKey(bias)) {
                    params.set(bias, uniform(rng, (int) shape[0], 1 / Math.sqrt(fanIn)));
                }
            }
        }
    }

    /**
     * PyTorch's {@code orthogonal_} on a weight of shape (out, in): the Q factor of a Gaussian matrix, its signs
     * fixed by the diagonal of R, times {@code gain}.
     */
    public static float[] orthogonal(RandomGenerator rng, int rows, int cols, double gain) {
        boolean transpose = rows < cols;
        int n = Math.max(rows, cols);
        int k = Math.min(rows, cols);
        double[][] q = new double[k][n]; // k orthonormal vectors of length n (Gram-Schmidt = QR of the n x k matrix)
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < n; i++) {
                q[j][i] = rng.nextGaussian();
            }
        }
        for (int j = 0; j < k; j++) {
            for (int pass = 0; pass < 2; pass++) { // twice, for numerical orthogonality
                for (int p = 0; p < j; p++) {
                    double dot = 0;
                    for (int i = 0; i < n; i++) {
                        dot += q[j][i] * q[p][i];
                    }
                    for (int i = 0; i < n; i++) {
                        q[j][i] -= dot * q[p][i];
                    }
                }
            }
            double norm = 0;
            for (int i = 0; i < n; i++) {
                norm += q[j][i] * q[j][i];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < n; i++) {
                q[j][i] /= norm; // R's diagonal is positive in Gram-Schmidt, so no sign fix is needed
            }
        }
        float[] out = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[r * cols + c] = (float) (gain * (transpose ? q[r][c] : q[c][r]));
            }
        }
        return out;
    }

    /** PyTorch's {@code xavier_uniform_} on a weight of shape (out, in). */
    public static float[] xavierUniform(RandomGenerator rng, int rows, int cols, double gain) {
        return uniform(rng, rows * cols, gain * Math.sqrt(6.0 / (rows + cols)));
    }

    public static float[] uniform(RandomGenerator rng, int n, double bound) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) ((2 * rng.nextDouble() - 1) * bound);
        }
        return out;
    }
}
