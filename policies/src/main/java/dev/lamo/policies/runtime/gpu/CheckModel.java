package dev.lamo.policies.runtime.gpu;

import dev.lamo.policies.dt.DtModel;
import dev.lamo.policies.gpt2.Gpt2Config;
import dev.lamo.policies.runtime.DtSpec;
import dev.lamo.policies.runtime.SeededDtWeights;
import java.util.List;

/**
 * The models of the GPU check, whose weights come from a seed ({@link SeededDtWeights}) so that the GPU machine
 * regenerates them instead of receiving them: two small shapes covering every branch of the forward (linear and MLP
 * embeddings, linear and MLP head, timestep before and after the embedding LayerNorm, ReLU and GELU, one and several
 * heads), and LaMo on a GPT-2-small-shaped backbone (12 layers × 768, 12 heads, K = 20, hopper's 11 → 3).
 */
public record CheckModel(String name, DtModel.Architecture architecture, int context, boolean large) {

    public static final CheckModel DT_SMALL = new CheckModel("dt-small", new DtModel.Architecture(
            new Gpt2Config(2, 32, 1, 64, 1, null, "relu", 1e-5, 0, 0, 0), null, 5, 2, 60, false, false, "full", null, null),
            6, false);
    public static final CheckModel LAMO_SMALL = new CheckModel("lamo-small", new DtModel.Architecture(
            new Gpt2Config(2, 48, 4, 64, 1, null, "gelu_new", 1e-5, 0, 0, 0), null, 11, 3, 80, true, true, "full", null, null),
            6, false);
    public static final CheckModel LAMO_GPT2_SMALL = new CheckModel("lamo-gpt2-small", new DtModel.Architecture(
            new Gpt2Config(12, 768, 12, 1024, 1, null, "gelu_new", 1e-5, 0, 0, 0), null, 11, 3, 1000, true, true, "full",
            null, null), 20, true);

    public static final List<CheckModel> ALL = List.of(DT_SMALL, LAMO_SMALL, LAMO_GPT2_SMALL);

    public static CheckModel named(String name) {
        return ALL.stream().filter(m -> m.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown check model '" + name + "'"));
    }

    /** The model with weights from {@code seed}. */
    public DtSpec spec(long seed) {
        return SeededDtWeights.spec(name, architecture, context, seed);
    }
}
