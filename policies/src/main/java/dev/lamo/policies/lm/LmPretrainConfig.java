package dev.lamo.policies.lm;

/**
 * Pre-training settings of a small GPT-2-architecture language model. The defaults made the default backbone
 * shipped in {@code models/default-lm} (its MANIFEST.json records them; a test keeps the two in step): 3 layers,
 * 128 hidden, 4 heads, 128-token context, a 2048-token byte-level BPE vocabulary trained on the corpus, 4,000 steps
 * of 16 blocks (8.2M tokens, about 1.5 epochs of the corpus), seed 0 — chosen by bits per byte, pre-training time
 * and LaMo's step cost among the candidates in the README; about 20 minutes on one core.
 */
public record LmPretrainConfig(int layers, int hidden, int heads, int context, int vocab, long steps, int batchSize,
                               double lr, int warmupSteps, double minLrRatio, double weightDecay, double gradClip,
                               int tokenizerSampleChars, double validationFraction, double dropout, long seed) {

    public static LmPretrainConfig defaults() {
        return new LmPretrainConfig(3, 128, 4, 128, 2048, 4000, 16, 1e-3, 50, 0.1, 0.01, 1.0, 4_000_000, 0.02, 0.0, 0);
    }

    public LmPretrainConfig {
        if (layers < 1 || hidden < 1 || heads < 1 || hidden % heads != 0 || context < 2 || vocab < 258 || steps < 1
                || batchSize < 1 || !(validationFraction > 0 && validationFraction < 0.5)) {
            throw new IllegalArgumentException("invalid pre-training settings: layers, hidden, heads >= 1 (heads dividing "
                    + "hidden), context >= 2, vocab >= 258, steps and batch_size >= 1, validation_fraction in (0, 0.5)");
        }
    }
}
