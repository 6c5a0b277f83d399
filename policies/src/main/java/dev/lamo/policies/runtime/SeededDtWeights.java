package dev.lamo.policies.runtime;

import dev.lamo.policies.PolicyInfo;
import dev.lamo.policies.dt.DtModel;
import dev.lamo.policies.gpt2.Gpt2Config;
import dev.lamo.policies.io.Safetensors;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * DT or LaMo weights drawn from a seed with {@link java.util.Random}, whose generator its javadoc specifies exactly,
 * so that any Java 17 regenerates the same weights: the GPU check computes reference actions here and regenerates the
 * GPT-2-small-shaped model on the GPU machine from the seed instead of shipping 330 MB of weights. Tensors are drawn
 * in a fixed order (embeddings, timestep table, embedding LayerNorm, blocks 0 .. n−1, final LayerNorm, head), each
 * uniform with a variance-preserving scale so activations stay of order one through every layer.
 */
public final class SeededDtWeights {

    private SeededDtWeights() {
    }

    /** A model of the given shape with weights from {@code seed} and unit state statistics. */
    public static DtSpec spec(String name, DtModel.Architecture a, int context, long seed) {
        float[] mean = new float[a.stateSize()];
        float[] std = new float[a.stateSize()];
        java.util.Arrays.fill(std, 1f);
        PolicyInfo info = new PolicyInfo(name, name, "seeded", a.stateSize(), a.actionSize(), context, 100.0, true, false);
        return new DtSpec(weights(a, seed), info, context, mean, std, 100f, a.maxEpisodeLength());
    }

    public static DtWeights weights(DtModel.Architecture a, long seed) {
        if (a.lora() != null || a.lmDirectory() != null || a.pixels() != null) {
            throw new IllegalArgumentException("seeded weights are merged weights of a vector-observation model without LoRA");
        }
        Gpt2Config g = a.backbone();
        int h = g.nEmbd();
        int inner = g.innerSize();
        Random r = new Random(seed);
        Map<String, Safetensors.Tensor> t = new LinkedHashMap<>();
        embedding(t, r, "embed_return", 1, h, a.mlpEmbedding());
        embedding(t, r, "embed_state", a.stateSize(), h, a.mlpEmbedding());
        embedding(t, r, "embed_action", a.actionSize(), h, a.mlpEmbedding());
        t.put("embed_timestep", uniform(r, 1.0, a.maxEpisodeLength(), h));
        layerNorm(t, r, "embed_ln", h);
        for (int i = 0; i < g.nLayer(); i++) {
            String p = "transformer_h." + i + "_";
            layerNorm(t, r, p + "ln_1", h);
            conv(t, r, p + "attn_c_attn", h, 3 * h);
            conv(t, r, p + "attn_c_proj", h, h);
            layerNorm(t, r, p + "ln_2", h);
            conv(t, r, p + "mlp_c_fc", h, inner);
            conv(t, r, p + "mlp_c_proj", inner, h);
        }
        layerNorm(t, r, "transformer_ln_f", h);
        if (a.mlpEmbedding()) {
            linear(t, r, "predict_action_fc0", h, h);
            linear(t, r, "predict_action_fc1", h, a.actionSize());
        } else {
            linear(t, r, "predict_action_fc", h, a.actionSize());
        }
        return DtWeights.of(a, new NamedTensors(t, "weights of seed " + seed));
    }

    private static void embedding(Map<String, Safetensors.Tensor> t, Random r, String prefix, int in, int h, boolean mlp) {
        if (mlp) {
            linear(t, r, prefix + "_fc0", in, h);
            linear(t, r, prefix + "_fc1", h, h);
        } else {
            linear(t, r, prefix, in, h);
        }
    }

    /** A DJL Linear: weight (out, in), bias (out). */
    private static void linear(Map<String, Safetensors.Tensor> t, Random r, String prefix, int in, int out) {
        t.put(prefix + "_weight", uniform(r, Math.sqrt(3.0 / in), out, in));
        t.put(prefix + "_bias", uniform(r, 0.1, out));
    }

    /** A GPT-2 Conv1D: weight (in, out), bias (out). */
    private static void conv(Map<String, Safetensors.Tensor> t, Random r, String prefix, int in, int out) {
        t.put(prefix + "_weight", uniform(r, Math.sqrt(3.0 / in), in, out));
        t.put(prefix + "_bias", uniform(r, 0.1, out));
    }

    private static void layerNorm(Map<String, Safetensors.Tensor> t, Random r, String prefix, int h) {
        Safetensors.Tensor gamma = uniform(r, 0.1, h);
        ByteBuffer b = gamma.data();
        for (int i = 0; i < h; i++) {
            b.putFloat(4 * i, 1f + b.getFloat(4 * i));
        }
        t.put(prefix + "_weight", gamma);
        t.put(prefix + "_bias", uniform(r, 0.1, h));
    }

    /** Values (2u − 1)·scale with u = Random.nextFloat(), in row-major order. */
    private static Safetensors.Tensor uniform(Random r, double scale, long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(4 * n)).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            b.putFloat(4 * i, (float) ((2.0 * r.nextFloat() - 1.0) * scale));
        }
        return new Safetensors.Tensor("F32", shape, b);
    }
}
