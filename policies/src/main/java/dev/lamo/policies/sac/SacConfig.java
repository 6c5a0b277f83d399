package dev.lamo.policies.sac;

/**
 * SAC's hyper-parameters, defaults as in the SAC paper (Haarnoja et al. 2018) and CleanRL's
 * {@code sac_continuous_action.py}: two 256-unit hidden layers, γ 0.99, τ 0.005, batch 256, replay 1M,
 * 5000 random steps before learning, Adam with lr 3e-4 (actor, temperature) and 1e-3 (critics), delayed
 * actor updates every 2 steps (twice each time), automatic entropy tuning towards −|A| starting from α = 1
 * ({@code alpha} is the fixed temperature when {@code autotune} is off).
 */
public record SacConfig(
        int[] hiddenSizes,
        double gamma,
        double tau,
        int batchSize,
        int bufferSize,
        int learningStarts,
        double policyLr,
        double qLr,
        int policyFrequency,
        int targetNetworkFrequency,
        boolean autotune,
        double alpha,
        long evalEvery,
        int evalEpisodes,
        long checkpointEvery,
        long logEvery) {

    public static SacConfig defaults() {
        return new SacConfig(new int[] {256, 256}, 0.99, 0.005, 256, 1_000_000, 5000, 3e-4, 1e-3, 2, 1, true, 0.2,
                10_000, 5, 10_000, 1000);
    }

    public SacConfig {
        if (batchSize < 1 || bufferSize < batchSize || learningStarts < 1 || policyFrequency < 1
                || targetNetworkFrequency < 1 || evalEvery < 1 || checkpointEvery < 1 || logEvery < 1) {
            throw new IllegalArgumentException("SAC settings out of range: batch_size >= 1, buffer_size >= batch_size, "
                    + "learning_starts, policy_frequency, target_network_frequency, eval_every, checkpoint_every and "
                    + "log_every >= 1");
        }
    }
}
