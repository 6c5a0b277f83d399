package dev.lamo.policies.gpt2;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.lamo.envs.Seeds;
import dev.lamo.policies.djl.DjlRuntime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class Gpt2ModelTest {

    static Gpt2Model randomModel(NDManager m, Gpt2Config config, long seed) {
        Gpt2Model model = new Gpt2Model(config, null);
        model.initialize(m, DataType.FLOAT32, new Shape(1, 1, config.nEmbd()));
        model.initialize(Seeds.rng(seed));
        // larger than GPT-2's init so that every part of the computation matters
        model.huggingFaceParameters().forEach((k, p) -> {
            if (k.endsWith(".bias") || k.contains("ln")) {
                RandomGenerator r = Seeds.rng(k.hashCode());
                float[] v = p.getArray().toFloatArray();
                for (int i = 0; i < v.length; i++) {
                    v[i] += (float) (0.3 * r.nextGaussian());
                }
                p.getArray().set(java.nio.FloatBuffer.wrap(v));
            }
        });
        return model;
    }

    @Test
    void forwardMatchesADoublePrecisionReference() {
        DjlRuntime.configure();
        for (String activation : new String[] {"gelu_new", "relu"}) {
            Gpt2Config config = new Gpt2Config(2, 16, 2, 8, 20, null, activation, 1e-5, 0.1, 0.1, 0.1);
            try (NDManager m = NDManager.newBaseManager()) {
                Gpt2Model model = randomModel(m, config, 5);
                Map<String, float[]> weights = new LinkedHashMap<>();
                model.huggingFaceParameters().forEach((k, p) -> weights.put(k, p.getArray().toFloatArray()));
                RandomGenerator rng = Seeds.rng(9);
                int b = 2;
                int t = 6;
                float[] x = new float[b * t * 16];
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) rng.nextGaussian();
                }
                int[][] masks = {{1, 1, 1, 1, 1, 1}, {0, 0, 1, 1, 1, 1}};
                float[] maskValues = new float[b * t];
                for (int r = 0; r < b; r++) {
                    for (int i = 0; i < t; i++) {
                        maskValues[r * t + i] = masks[r][i];
                    }
                }
                for (boolean positions : new boolean[] {false, true}) {
                    NDArray out = model.forwardEmbeddings(new ParameterStore(m, false), m.create(x, new Shape(b, t, 16)),
                            m.create(maskValues, new Shape(b, t)), positions, null, false, false);
                    float[] got = out.toFloatArray();
                    ReferenceGpt2 ref = new ReferenceGpt2(config, weights);
                    for (int r = 0; r < b; r++) {
                        double[][] seq = new double[t][16];
                        for (int i = 0; i < t; i++) {
                            for (int j = 0; j < 16; j++) {
                                seq[i][j] = x[(r * t + i) * 16 + j];
                            }
                        }
                        double[][] expected = ref.forward(seq, masks[r], positions);
                        for (int i = 0; i < t; i++) {
                            if (masks[r][i] == 0) {
                                continue; // padded positions are never read
                            }
                            for (int j = 0; j < 16; j++) {
                                double e = expected[i][j];
                                double g = got[(r * t + i) * 16 + j];
                                assertEquals(e, g, 1e-4 * Math.max(1, Math.abs(e)), activation + " row " + r + " pos " + i);
                            }
                        }
                    }
                    // only the last position: the same values
                    NDArray last = model.forwardEmbeddings(new ParameterStore(m, false), m.create(x, new Shape(b, t, 16)),
                            m.create(maskValues, new Shape(b, t)), positions, null, false, true);
                    float[] l = last.toFloatArray();
                    for (int r = 0; r < b; r++) {
                        for (int j = 0; j < 16; j++) {
                            assertEquals(got[(r * t + t - 1) * 16 + j], l[r * 16 + j], 1e-5);
                        }
                    }
                }
            }
        }
    }

    @Test
    void futureTokensDoNotChangeEarlierOutputs() {
        DjlRuntime.configure();
        Gpt2Config config = new Gpt2Config(2, 16, 4, 8, 20, null, "gelu_new", 1e-5, 0, 0, 0);
        try (NDManager m = NDManager.newBaseManager()) {
            Gpt2Model model = randomModel(m, config, 1);
            float[] x = new float[6 * 16];
            RandomGenerator rng = Seeds.rng(2);
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) rng.nextGaussian();
            }
            float[] a = model.forwardEmbeddings(new ParameterStore(m, false), m.create(x, new Shape(1, 6, 16)), null, false,
                    null, false, false).toFloatArray();
            for (int i = 4 * 16; i < x.length; i++) {
                x[i] += 5;
            }
            float[] b = model.forwardEmbeddings(new ParameterStore(m, false), m.create(x, new Shape(1, 6, 16)), null, false,
                    null, false, false).toFloatArray();
            for (int i = 0; i < 4 * 16; i++) {
                assertEquals(a[i], b[i], 0f, "position " + i / 16);
            }
            boolean changed = false;
            for (int i = 4 * 16; i < x.length; i++) {
                changed |= a[i] != b[i];
            }
            assertTrue(changed);
        }
    }
}
