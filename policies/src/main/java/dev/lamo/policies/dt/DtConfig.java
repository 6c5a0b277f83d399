package dev.lamo.policies.dt;

/**
 * Hyper-parameters of LaMo and the Decision Transformer baseline (LaMo's D4RL code, spec §4): every one is
 * recorded in config.json and can be overridden with {@code --set key=value}. Null means "the environment's
 * default" (context 20, or 5 for reacher2d; timestep table = the episode limit, 1000 for kitchen; return
 * scale from the environment spec; MLP embeddings for LaMo except on hopper).
 *
 * @param variant          {@code lamo}, {@code dt} (LaMo code's DT: timestep embedding after the embedding
 *                         LayerNorm) or {@code dt-original} (the original DT code: before it)
 * @param finetune         {@code lora} (LoRA + c_attn bias + embeddings and heads), {@code full} (everything),
 *                         {@code frozen} (embeddings and heads only: the paper's "freezing" ablation)
 * @param pretrained       start the backbone from the language model (false: LaMo w/o PT, random backbone)
 * @param mlpEmbedding     residual-MLP embeddings and MLP action head (true) or linear ones with tanh head (false)
 * @param lmLossWeight     λ of the auxiliary language-modelling loss (LaMo's co-training script: 0.1)
 * @param validationFraction fraction of episodes held out for the validation action loss (only when the data
 *                         have at least 20 episodes); 0 trains on everything, as the paper does
 */
public record DtConfig(
        String variant,
        String finetune,
        boolean pretrained,
        Boolean mlpEmbedding,
        Integer contextLength,
        Integer maxEpisodeLength,
        Double returnScale,
        int batchSize,
        double lr,
        double weightDecay,
        double adamEps,
        int warmupSteps,
        double gradClip,
        double dropout,
        int loraRank,
        double loraAlpha,
        double loraDropout,
        double lmLossWeight,
        int lmBlockLength,
        int lmBatchSize,
        int dtLayers,
        int dtHidden,
        int dtHeads,
        double validationFraction,
        long checkpointEvery,
        long logEvery) {

    public static DtConfig lamo() {
        return new DtConfig("lamo", "lora", true, null, null, null, null, 64, 1e-4, 1e-5, 1e-6, 2500, 0.25, 0.1, 16, 32,
                0.1, 0.0, 1024, 2, 3, 128, 1, 0.05, 2500, 100);
    }

    public static DtConfig dt() {
        return new DtConfig("dt", "full", false, false, null, null, null, 64, 1e-4, 1e-5, 1e-6, 2500, 0.25, 0.1, 16, 32,
                0.1, 0.0, 1024, 2, 3, 128, 1, 0.05, 2500, 100);
    }

    public DtConfig {
        if (!variant.equals("lamo") && !variant.equals("dt") && !variant.equals("dt-original")) {
            throw new IllegalArgumentException("variant must be lamo, dt or dt-original, got " + variant);
        }
        if (!finetune.equals("lora") && !finetune.equals("full") && !finetune.equals("frozen")) {
            throw new IllegalArgumentException("finetune must be lora, full or frozen, got " + finetune);
        }
        if (batchSize < 1 || warmupSteps < 0 || checkpointEvery < 1 || logEvery < 1 || lmLossWeight < 0
                || (contextLength != null && contextLength < 1) || !(validationFraction >= 0 && validationFraction < 0.5)) {
            throw new IllegalArgumentException("batch_size, checkpoint_every, log_every >= 1; warmup_steps, lm_loss_weight "
                    + ">= 0; context_length >= 1; validation_fraction in [0, 0.5)");
        }
    }

    public boolean isLamo() {
        return variant.equals("lamo");
    }

    /** LaMo adds the timestep embedding after the embedding LayerNorm; the original DT code adds it before. */
    public boolean timestepAfterLayerNorm() {
        return !variant.equals("dt-original");
    }

    public boolean usesLora() {
        return isLamo() && finetune.equals("lora");
    }

    /** Context length for an environment: 20, or 5 for reacher2d (spec §4.6). */
    public int contextFor(String envId) {
        return contextLength != null ? contextLength : envId.equals("reacher2d") ? 5 : 20;
    }

    /** Size of the timestep table: the episode limit (100 for reacher2d, 1000 otherwise, also for kitchen). */
    public int maxEpisodeLengthFor(String envId, int envLimit) {
        return maxEpisodeLength != null ? maxEpisodeLength : envId.equals("reacher2d") ? 100 : Math.max(1000, envLimit);
    }

    /** LaMo keeps linear embeddings on hopper only (run_hopper.sh); the DT baseline is linear everywhere. */
    public boolean mlpFor(String envId) {
        return mlpEmbedding != null ? mlpEmbedding : isLamo() && !envId.equals("hopper");
    }
}
