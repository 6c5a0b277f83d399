package dev.lamo.policies.offline;

/**
 * TD3+BC (Fujimoto and Gu 2021), CORL's defaults: actor and twin critics of two 256-unit layers, Adam lr 3e-4
 * for both, γ 0.99, τ 0.005, target policy noise 0.2 clipped at 0.5, actor and targets updated every 2 steps,
 * α 2.5 (the Q term is scaled by α / mean|Q|), batch 256, normalised states.
 */
public record Td3BcConfig(int[] actorHidden, int[] criticHidden, double actorLr, double criticLr, double gamma, double tau,
                          double policyNoise, double noiseClip, int policyFrequency, double alpha, int batchSize,
                          boolean normalizeStates, boolean normalizeRewards, long checkpointEvery, long logEvery)
        implements OfflineConfig {

    public static Td3BcConfig defaults() {
        return new Td3BcConfig(new int[] {256, 256}, new int[] {256, 256}, 3e-4, 3e-4, 0.99, 0.005, 0.2, 0.5, 2, 2.5, 256,
                true, false, 5000, 1000);
    }

    public Td3BcConfig {
        OfflineSchedule.requirePositive(batchSize, checkpointEvery, logEvery);
        if (policyFrequency < 1) {
            throw new IllegalArgumentException("policy_frequency must be >= 1");
        }
    }
}
