package dev.lamo.policies.dt;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import dev.lamo.envs.data.Sha256;
import dev.lamo.policies.gpt2.Gpt2Checkpoint;
import dev.lamo.policies.gpt2.Gpt2Config;
import dev.lamo.policies.lora.LoraSettings;
import dev.lamo.policies.nn.NamedParameters;
import dev.lamo.policies.nn.TorchInit;
import dev.lamo.policies.pixels.FrameEncoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A Decision Transformer (LaMo or DT) with its parameters split into what is trained and what is frozen.
 *
 * <p>Which tensors train (spec §2.7): with {@code finetune=lora}, the LoRA matrices, the {@code c_attn}
 * biases and everything outside the backbone (embeddings, embedding LayerNorm, action head); with
 * {@code frozen}, only what is outside the backbone; with {@code full}, everything. Checkpoints hold the
 * trained tensors, plus the whole backbone when it did not come from a language model folder (whose path and
 * sha256 the run records instead).
 */
public final class DtModel implements AutoCloseable {

    /**
     * The architecture, as recorded in config.json.
     *
     * @param backbone       GPT-2 sizes
     * @param lora           adapters, or null
     * @param stateSize      S
     * @param actionSize     A
     * @param maxEpisodeLength timestep table size
     * @param mlpEmbedding   residual-MLP embeddings and MLP head
     * @param timestepAfterLayerNorm LaMo/DT order (true) or the original DT's (false)
     * @param finetune       lora, full or frozen
     * @param lmDirectory    language model folder the backbone came from, or null
     * @param lmSha256       sha256 of its model.safetensors
     * @param pixels         the Atari path's inputs and outputs, or null for vector states and continuous actions
     */
    public record Architecture(Gpt2Config backbone, LoraSettings lora, int stateSize, int actionSize,
                               int maxEpisodeLength, boolean mlpEmbedding, boolean timestepAfterLayerNorm,
                               String finetune, String lmDirectory, String lmSha256, PixelPath pixels) {

        public Architecture(Gpt2Config backbone, LoraSettings lora, int stateSize, int actionSize, int maxEpisodeLength,
                            boolean mlpEmbedding, boolean timestepAfterLayerNorm, String finetune, String lmDirectory,
                            String lmSha256) {
            this(backbone, lora, stateSize, actionSize, maxEpisodeLength, mlpEmbedding, timestepAfterLayerNorm, finetune,
                    lmDirectory, lmSha256, null);
        }

        /** The architecture a run's config.json records, or a one-line error naming the run. */
        public static Architecture of(dev.lamo.results.records.RunConfig rc) {
            java.util.Map<String, Object> shape = dev.lamo.results.records.RunFacts.require(rc.facts().architecture(),
                    "architecture", rc.algorithm() + " run on " + rc.envId());
            return dev.lamo.policies.run.HyperParameters.fromMap(shape, Architecture.class);
        }

        /** The shape of one batch-of-one input window, for initialising the blocks. */
        Shape stateShape() {
            return pixels == null ? new Shape(1, 1, stateSize)
                    : new Shape(1, 1, stateSize, FrameEncoder.FRAME_SIZE, FrameEncoder.FRAME_SIZE);
        }
    }

    /**
     * LaMo's Atari path (spec §7): states are {@code stateSize} stacked 84×84 frames through the CNN encoder,
     * actions are indices into an embedding table of {@code actionSize} rows, the head outputs logits, and
     * GPT-2's position embeddings are added (positions counted from each row's first real token).
     *
     * @param tanhLogits            the original code's tanh on the logits (a quirk flag, off by default)
     * @param attentionBiasTrained  train the {@code c_attn} biases with LoRA (the D4RL path does; peft does not)
     */
    public record PixelPath(boolean tanhLogits, boolean attentionBiasTrained) {
    }

    private final Architecture architecture;
    private final NDManager manager;
    private final DecisionTransformer model;
    private final NamedParameters all;
    private final NamedParameters trainable;
    private final NamedParameters saved;

    /**
     * Builds the model: every tensor initialised from {@code rng} (PyTorch's defaults for the embeddings and
     * head, GPT-2's for the backbone), then the backbone loaded from the language model folder if there is one.
     */
    public DtModel(Architecture a, RandomGenerator rng) {
        this.architecture = a;
        this.manager = NDManager.newBaseManager();
        this.model = new DecisionTransformer(a);
        model.initialize(manager, DataType.FLOAT32, a.stateShape());
        this.all = NamedParameters.of(model);
        NamedParameters outside = all.filter(n -> !n.startsWith("transformer_"));
        TorchInit.linearAndConvLayers(outside, rng);
        all.set("embed_timestep", gaussian(rng, (int) all.array("embed_timestep").size()));
        all.set("embed_ln_weight", ones((int) all.array("embed_ln_weight").size()));
        if (a.pixels() != null) {
            all.set("embed_action_table", gaussian(rng, (int) all.array("embed_action_table").size()));
        }
        model.transformer().initialize(rng);
        if (a.lmDirectory() != null) {
            try {
                Gpt2Checkpoint.load(model.transformer(), Path.of(a.lmDirectory()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read language model " + a.lmDirectory() + ": " + e.getMessage(), e);
            }
        }
        boolean biasTrained = a.pixels() == null || a.pixels().attentionBiasTrained();
        this.trainable = all.filter(n -> isTrainable(n, a.finetune(), biasTrained));
        this.saved = a.lmDirectory() == null ? all : trainable;
        all.requireGradients(false);
        trainable.requireGradients(true);
    }

    static boolean isTrainable(String name, String finetune) {
        return isTrainable(name, finetune, true);
    }

    static boolean isTrainable(String name, String finetune, boolean attentionBiasTrained) {
        boolean backbone = name.startsWith("transformer_");
        return switch (finetune) {
            case "full" -> true;
            case "frozen" -> !backbone;
            default -> !backbone || name.contains("lora_") || (attentionBiasTrained && name.endsWith("c_attn_bias"));
        };
    }

    /** nn.Embedding's default initialisation: N(0, 1). */
    private static float[] gaussian(RandomGenerator rng, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rng.nextGaussian();
        }
        return v;
    }

    private static float[] ones(int n) {
        float[] v = new float[n];
        java.util.Arrays.fill(v, 1f);
        return v;
    }

    /** sha256 of a language model folder's weights, recorded in runs that build on it. */
    public static String lmSha256(Path lmDir) {
        Path f = lmDir.resolve("model.safetensors");
        return Files.isRegularFile(f) ? Sha256.of(f) : null;
    }

    public Architecture architecture() {
        return architecture;
    }

    public NDManager manager() {
        return manager;
    }

    public DecisionTransformer network() {
        return model;
    }

    public NamedParameters parameters() {
        return all;
    }

    public NamedParameters trainable() {
        return trainable;
    }

    /** Writes the tensors a checkpoint holds. */
    public void save(Path file) throws IOException {
        saved.save(file, Map.of("format", "lamo decision transformer"));
    }

    /** Loads a checkpoint's tensors over the freshly built model. */
    public void load(Path file) throws IOException {
        if (architecture.lmSha256() != null && architecture.lmDirectory() != null) {
            String now = lmSha256(Path.of(architecture.lmDirectory()));
            if (!architecture.lmSha256().equals(now)) {
                throw new IllegalArgumentException(file + ": the run was trained on language model " + architecture.lmDirectory()
                        + " with sha256 " + architecture.lmSha256() + ", which is now " + now);
            }
        }
        saved.load(file);
    }

    /** Trainable-parameter count, as the spec's table counts it (without the unused state and return heads). */
    public long trainableCount() {
        return trainable.count();
    }

    /** Names and shapes, for tests and diagnostics. */
    public Map<String, long[]> shapes() {
        Map<String, long[]> m = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : all.asMap().entrySet()) {
            m.put(e.getKey(), e.getValue().getArray().getShape().getShape());
        }
        return m;
    }

    @Override
    public void close() {
        manager.close();
    }
}
