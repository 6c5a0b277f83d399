package dev.lamo.policies.offline;

/**
 * Behaviour cloning, CORL's {@code any_percent_bc.py} with all trajectories kept: an MLP actor (two 256-unit
 * layers, tanh output) regressed onto the dataset's actions by mean squared error; Adam, lr 3e-4, batch 256,
 * normalised states.
 */
public record BcConfig(int[] actorHidden, double lr, int batchSize, boolean normalizeStates, boolean normalizeRewards,
                       long checkpointEvery, long logEvery) implements OfflineConfig {

    public static BcConfig defaults() {
        return new BcConfig(new int[] {256, 256}, 3e-4, 256, true, false, 5000, 1000);
    }

    public BcConfig {
        OfflineSchedule.requirePositive(batchSize, checkpointEvery, logEvery);
    }
}
