package dev.lamo.policies.runtime;

import dev.lamo.envs.data.Sha256;
import dev.lamo.policies.dt.DtModel;
import dev.lamo.policies.gpt2.Gpt2Checkpoint;
import dev.lamo.policies.gpt2.Gpt2Config;
import dev.lamo.policies.io.Safetensors;
import dev.lamo.policies.lora.LoraSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The tensors of a trained DT or LaMo on vector observations, laid out for the engine: affine weights as
 * (in, out) matrices, LoRA adapters merged into the fused QKV weight (per group, with their scaling), the
 * language model's frozen tensors read from its folder where the checkpoint does not hold them.
 * Names are the trainer's (DJL block paths: {@code transformer_h.0_attn_c_attn_weight}, {@code embed_ln_weight}).
 */
public final class DtWeights {

    /** A token embedding: linear (second == null) or LaMo's residual MLP h = first(x); out = second(GELU(h)) + h. */
    public record Embedding(Dense first, Dense second) {
    }

    /** One GPT-2 block. */
    public record Block(float[] ln1Gamma, float[] ln1Beta, Dense qkv, Dense proj, float[] ln2Gamma, float[] ln2Beta, Dense fc,
                 Dense fcProj) {
    }

    public final DtModel.Architecture architecture;
    public final int hidden;
    public final Embedding returns;
    public final Embedding states;
    public final Embedding actions;
    public final float[] timestep;
    public final float[] lnGamma;
    public final float[] lnBeta;
    public final List<Block> blocks;
    public final float[] lnFGamma;
    public final float[] lnFBeta;
    /** Linear head (second == null, tanh after) or the MLP head fc0 → GELU → fc1. */
    public final Dense headFirst;
    public final Dense headSecond;

    private DtWeights(DtModel.Architecture a, NamedTensors t, NamedTensors backbone) {
        this.architecture = a;
        Gpt2Config g = a.backbone();
        int h = g.nEmbd();
        this.hidden = h;
        boolean mlp = a.mlpEmbedding();
        this.returns = embedding(t, "embed_return", 1, h, mlp);
        this.states = embedding(t, "embed_state", a.stateSize(), h, mlp);
        this.actions = embedding(t, "embed_action", a.actionSize(), h, mlp);
        this.timestep = t.get("embed_timestep", a.maxEpisodeLength(), h);
        this.lnGamma = t.get("embed_ln_weight", h);
        this.lnBeta = t.get("embed_ln_bias", h);
        List<Block> bs = new ArrayList<>();
        for (int i = 0; i < g.nLayer(); i++) {
            String p = "transformer_h." + i + "_";
            Dense qkv = new Dense(mergeLora(t, backbone, p + "attn_c_attn", h, a.lora()), backbone.get(p + "attn_c_attn_bias", 3 * h),
                    h, 3 * h);
            bs.add(new Block(backbone.get(p + "ln_1_weight", h), backbone.get(p + "ln_1_bias", h), qkv,
                    conv(backbone, p + "attn_c_proj", h, h), backbone.get(p + "ln_2_weight", h), backbone.get(p + "ln_2_bias", h),
                    conv(backbone, p + "mlp_c_fc", h, g.innerSize()), conv(backbone, p + "mlp_c_proj", g.innerSize(), h)));
        }
        this.blocks = List.copyOf(bs);
        this.lnFGamma = backbone.get("transformer_ln_f_weight", h);
        this.lnFBeta = backbone.get("transformer_ln_f_bias", h);
        if (mlp) {
            this.headFirst = t.linear("predict_action_fc0", h, h);
            this.headSecond = t.linear("predict_action_fc1", h, a.actionSize());
        } else {
            this.headFirst = t.linear("predict_action_fc", h, a.actionSize());
            this.headSecond = null;
        }
    }

    /** Weights from tensors under the trainer's names, without LoRA adapters ({@link SeededDtWeights}). */
    static DtWeights of(DtModel.Architecture a, NamedTensors t) {
        return new DtWeights(a, t, t);
    }

    /**
     * Reads {@code model.safetensors} of a checkpoint and, for a run on a pre-trained language model, the
     * backbone tensors the checkpoint does not hold from the model's folder (whose sha256 must match the run's).
     */
    public static DtWeights load(DtModel.Architecture a, Path checkpoint) {
        Path file = checkpoint.resolve("model.safetensors");
        try {
            NamedTensors own = new NamedTensors(Safetensors.read(file).tensors(), file.toString());
            NamedTensors backbone = own;
            if (a.lmDirectory() != null) {
                Path lm = Path.of(a.lmDirectory());
                if (a.lmSha256() != null) {
                    Path weights = lm.resolve("model.safetensors");
                    String now = Files.isRegularFile(weights) ? Sha256.of(weights) : null;
                    if (!a.lmSha256().equals(now)) {
                        throw new IllegalArgumentException(file + ": the run was trained on language model " + lm
                                + " with sha256 " + a.lmSha256() + ", which is now " + now);
                    }
                }
                backbone = new NamedTensors(overlay(own, Gpt2Checkpoint.readTensors(lm)), file + " with " + lm);
            }
            return new DtWeights(a, own, backbone);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The language model's tensors under the trainer's names, with the checkpoint's own tensors over them. */
    private static Map<String, Safetensors.Tensor> overlay(NamedTensors own, Map<String, Safetensors.Tensor> lm) {
        Map<String, Safetensors.Tensor> out = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, Safetensors.Tensor> e : lm.entrySet()) {
            out.put(trainerName(e.getKey()), e.getValue());
        }
        out.putAll(own.all());
        return out;
    }

    /** Hugging Face's {@code h.0.attn.c_attn.weight} is the trainer's {@code transformer_h.0_attn_c_attn_weight}. */
    static String trainerName(String hf) {
        if (hf.startsWith("h.")) {
            int dot = hf.indexOf('.', 2);
            return "transformer_" + hf.substring(0, dot) + "_" + hf.substring(dot + 1).replace('.', '_');
        }
        return switch (hf) {
            case "wte.weight" -> "transformer_wte";
            case "wpe.weight" -> "transformer_wpe";
            default -> "transformer_" + hf.replace('.', '_');
        };
    }

    private static Embedding embedding(NamedTensors t, String prefix, int in, int h, boolean mlp) {
        return mlp ? new Embedding(t.linear(prefix + "_fc0", in, h), t.linear(prefix + "_fc1", h, h))
                : new Embedding(t.linear(prefix, in, h), null);
    }

    /** GPT-2's Conv1D, already (in, out). */
    private static Dense conv(NamedTensors t, String prefix, int in, int out) {
        return new Dense(t.get(prefix + "_weight", in, out), t.get(prefix + "_bias", out), in, out);
    }

    /**
     * W + scaling · ΔW with ΔW[i, g·O + o] = Σ_r A[g·r + ρ, i] · B[g·O + o, ρ]: the adapters of {@code LoraConv1d}
     * folded into the frozen weight once, in double, so a forward costs what the plain layer costs.
     */
    private static float[] mergeLora(NamedTensors t, NamedTensors backbone, String prefix, int h, LoraSettings lora) {
        float[] w = backbone.get(prefix + "_weight", h, 3 * h);
        if (lora == null) {
            return w;
        }
        int groups = lora.groups();
        int rank = lora.rank();
        int out = 3 * h;
        int perGroup = out / groups;
        float[] a = t.get(prefix + "_lora_A", (long) groups * rank, h);
        float[] b = t.get(prefix + "_lora_B", out, rank);
        double scaling = lora.scaling();
        float[] merged = new float[w.length];
        for (int i = 0; i < h; i++) {
            for (int c = 0; c < out; c++) {
                int g = c / perGroup;
                double delta = 0;
                for (int r = 0; r < rank; r++) {
                    delta += (double) a[(g * rank + r) * h + i] * b[c * rank + r];
                }
                merged[i * out + c] = (float) (w[i * out + c] + scaling * delta);
            }
        }
        return merged;
    }
}
