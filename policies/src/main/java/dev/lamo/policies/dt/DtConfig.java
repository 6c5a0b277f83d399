package dev.lamo.policies.dt;

import dev.lamo.envs.arcade.ArcadeTitle;

/**
 * Hyper-parameters of LaMo and the Decision Transformer baseline (LaMo's D4RL code, spec §4): every one is
 * recorded in config.json and can be overridden with {@code --set key=value}. Null means "the environment's
 * default" (context 20, or 5 for reacher2d; timestep table = the episode limit, 1000 for kitchen; return
 * scale from the environment spec; MLP embeddings for LaMo except on hopper).
 *
 * @param variant          {@code lamo}, {@code dt} (LaMo code's DT: timestep embedding after the embedding
 *                         LayerNorm) or {@code dt-original} (the original DT code: before it, with that code's
 *                         optimiser settings, {@link #dtOriginal()})
 * @param finetune         {@code lora} (LoRA + c_attn bias + embeddings and heads), {@code full} (everything),
 *                         {@code frozen} (embeddings and heads only: the paper's "freezing" ablation)
 * @param pretrained       start the backbone from the language model (false: LaMo w/o PT, random backbone)
 * @param mlpEmbedding     residual-MLP embeddings and MLP action head (true) or linear ones with tanh head (false)
 * @param lmLossWeight     λ of the auxiliary language-modelling loss (LaMo's co-training script: 0.1)
 * @param validationFraction fraction of episodes held out for the validation action loss; 0 (the default) trains
 *                         on every trajectory of the (down-sampled) set, as the paper does; a positive fraction
 *                         holds out only when the set has at least 20 episodes, never shrinking a smaller one
 * @param schedule         learning rate after the warm-up: {@code constant} (D4RL path) or {@code cosine} down to
 *                         {@code min_lr_ratio} × lr at the last step (Atari path, computed per step; the original's
 *                         token-counting bug is not reproduced)
 * @param minLrRatio       floor of the cosine schedule as a fraction of lr (DT-Atari: 0.1)
 * @param loraGroups       separately adapted groups of the fused QKV projection: 3 (loralib, D4RL path) or 1
 *                         (peft, Atari path)
 * @param tanhLogits       Atari quirk flag: bound the action logits with tanh as the original code does
 * @param rtgExcludesCurrentReward Atari quirk flag: train on returns-to-go that exclude the current reward (the
 *                         original's training data; its evaluation includes it)
 * @param zeroFramePadding Atari: fill the frame stack before an episode's first frame with zeros (LaMo's buffer)
 *                         instead of copies of the first frame (what the evaluation wrapper shows)
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
        long logEvery,
        String schedule,
        double minLrRatio,
        int loraGroups,
        boolean tanhLogits,
        boolean rtgExcludesCurrentReward,
        boolean zeroFramePadding) {

    /** Width of LaMo's Atari DT baseline (spec §7: {@code n_embed=128} is ignored, GPT-2's 768 stays). */
    public static final int ATARI_DT_HIDDEN = 768;

    /**
     * The defaults of a new lamo or dt run in an environment under the given overrides: Table 6's per game on the
     * arcade games, otherwise {@link #defaultsFor}.
     */
    public static DtConfig defaults(String algorithm, String envId, java.util.List<String> overrides) {
        if (dev.lamo.envs.EnvRegistry.observesFrames(envId)) {
            return arcade(algorithm, ArcadeTitle.parse(envId));
        }
        return defaultsFor(algorithm, overrides);
    }

    public static DtConfig lamo() {
        return new DtConfig("lamo", "lora", true, null, null, null, null, 64, 1e-4, 1e-5, 1e-6, 2500, 0.25, 0.1, 16, 32,
                0.1, 0.0, 1024, 2, 3, 128, 1, 0.0, 2500, 100, "constant", 1.0, 3, false, false, false);
    }

    public static DtConfig dt() {
        return new DtConfig("dt", "full", false, false, null, null, null, 64, 1e-4, 1e-5, 1e-6, 2500, 0.25, 0.1, 16, 32,
                0.1, 0.0, 1024, 2, 3, 128, 1, 0.0, 2500, 100, "constant", 1.0, 3, false, false, false);
    }

    /**
     * The original Decision Transformer code's gym settings (kzl/decision-transformer {@code experiment.py}): the
     * timestep embedding added before the embedding LayerNorm, weight decay 1e-4, 10,000 warm-up steps and
     * AdamW's default eps 1e-8; everything else as {@link #dt()} (LaMo's code inherited the rest unchanged).
     */
    public static DtConfig dtOriginal() {
        return new DtConfig("dt-original", "full", false, false, null, null, null, 64, 1e-4, 1e-4, 1e-8, 10_000, 0.25, 0.1,
                16, 32, 0.1, 0.0, 1024, 2, 3, 128, 1, 0.0, 2500, 100, "constant", 1.0, 3, false, false, false);
    }

    /**
     * The defaults a trajectory run starts from: the algorithm's, or the original DT code's when the overrides ask
     * for {@code variant=dt-original} in a DT run (so that variant is complete, not just its LayerNorm order).
     */
    public static DtConfig defaultsFor(String algorithm, java.util.List<String> overrides) {
        boolean original = overrides.stream().anyMatch(o -> o.replace(" ", "").equals("variant=dt-original"));
        return algorithm.equals("lamo") ? lamo() : original ? dtOriginal() : dt();
    }

    /**
     * The Atari path's settings (spec §7, paper Tables 6 and 7): context 30, timestep table 4096, raw returns,
     * batch 128, AdamW eps 1e-8, gradient clipping 1.0, warm-up then cosine to 0.1 × lr, per game lr and weight
     * decay (Breakout 1e-3 / 1e-2, Qbert 1e-3 / 1e-5, Pong 3e-4 / 1e-1); LaMo with one peft-style LoRA adapter of
     * rank 32 and scaling 1 over the fused QKV projection and MLP embeddings, DT with the small random backbone
     * and linear embeddings. The warm-up is 500 steps: where the original's running-token count ended it. The DT
     * backbone is LaMo's Atari one, 3 layers and 1 head at width 768: its config passes {@code n_embed=128}, which
     * Hugging Face's GPT-2 does not read, so the width stays GPT-2's default ({@code --set dt_hidden=128} gives the
     * small one the D4RL path uses).
     */
    public static DtConfig arcade(String algorithm, ArcadeTitle game) {
        double lr = game == ArcadeTitle.PONG ? 3e-4 : 1e-3;
        double wd = switch (game) {
            case BREAKOUT -> 1e-2;
            case QBERT -> 1e-5;
            case PONG -> 1e-1;
        };
        boolean lamo = algorithm.equals("lamo");
        return new DtConfig(lamo ? "lamo" : "dt", lamo ? "lora" : "full", lamo, lamo, 30, ArcadeTitle.MAX_AGENT_STEPS, 1.0,
                128, lr, wd, 1e-8, 500, 1.0, 0.1, 32, 32, 0.0, 0.0, 1024, 2, 3, ATARI_DT_HIDDEN, 1, 0.0, 2500, 100, "cosine", 0.1, 1,
                false, false, false);
    }

    /** Paper Table 6's training steps: 50K for Breakout, 100K for Qbert and Pong. */
    public static long arcadeSteps(ArcadeTitle game) {
        return game == ArcadeTitle.BREAKOUT ? 50_000 : 100_000;
    }

    public DtConfig {
        // runs recorded before these keys existed keep their behaviour
        schedule = schedule == null ? "constant" : schedule;
        loraGroups = loraGroups == 0 ? 3 : loraGroups;
        minLrRatio = minLrRatio == 0 && schedule.equals("constant") ? 1.0 : minLrRatio;
        if (!schedule.equals("constant") && !schedule.equals("cosine")) {
            throw new IllegalArgumentException("schedule must be constant or cosine, got " + schedule);
        }
        if (loraGroups != 1 && loraGroups != 3) {
            throw new IllegalArgumentException("lora_groups must be 1 or 3, got " + loraGroups);
        }
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
