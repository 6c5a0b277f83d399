package dev.lamo.policies.lora;

/**
 * Low-rank adapters on GPT-2's fused Q|K|V projection, as loralib's {@code MergedLinear} with
 * {@code enable_lora=[True, True, True]} (LaMo's D4RL setting): one rank-r adapter per group,
 * Δy_g = (α/r) · B_g · A_g · dropout(x), A initialised like a linear layer (kaiming-uniform, a = √5),
 * B initialised to zero so that a fresh adapter changes nothing.
 *
 * @param rank    r (LaMo: 16)
 * @param alpha   α (LaMo: 32, so the scaling is 2)
 * @param dropout dropout on the adapter's input (LaMo: 0.1)
 * @param groups  number of separately adapted groups in the fused projection (3: Q, K, V; 1: one adapter
 *                over the whole fused projection, peft's setting on the Atari path)
 */
public record LoraSettings(int rank, double alpha, double dropout, int groups) {

    public LoraSettings {
        if (rank < 1 || groups < 1) {
            throw new IllegalArgumentException("LoRA needs rank >= 1 and groups >= 1, got " + rank + " and " + groups);
        }
    }

    public static LoraSettings lamo() {
        return new LoraSettings(16, 32, 0.1, 3);
    }

    public double scaling() {
        return alpha / rank;
    }
}
