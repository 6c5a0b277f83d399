package dev.lamo.policies.offline;

/**
 * Conservative Q-learning (Kumar et al. 2020), CORL's {@code cql.py} defaults: a tanh-Gaussian actor and twin
 * critics of three 256-unit layers (critics initialised orthogonally), Adam lr 3e-5 (actor and temperature) and
 * 3e-4 (critics), γ 0.99, τ 0.005, automatic entropy tuning from α = 1 towards −|A|, no entropy in the backup, 10
 * sampled actions per state for the conservative term with importance sampling, CQL weight 10, temperature 1,
 * log std = 1 · raw − 1 with both factors learned, batch 256, normalised states. CORL's AntMaze options
 * (behaviour-cloning warm-up, Lagrangian weight, max backup, clipped differences) are left out.
 */
public record CqlConfig(int[] actorHidden, int[] criticHidden, double policyLr, double qLr, double gamma, double tau,
                        int cqlActions, double cqlAlpha, double cqlTemperature, boolean importanceSample,
                        boolean autotuneEntropy, boolean backupEntropy, double logStdMultiplier, double logStdOffset,
                        boolean orthogonalInit, int batchSize, boolean normalizeStates, boolean normalizeRewards,
                        long checkpointEvery, long logEvery) implements OfflineConfig {

    public static CqlConfig defaults() {
        return new CqlConfig(new int[] {256, 256, 256}, new int[] {256, 256, 256}, 3e-5, 3e-4, 0.99, 5e-3, 10, 10.0, 1.0,
                true, true, false, 1.0, -1.0, true, 256, true, false, 5000, 1000);
    }

    public CqlConfig {
        OfflineSchedule.requirePositive(batchSize, checkpointEvery, logEvery);
        if (cqlActions < 1 || cqlTemperature <= 0) {
            throw new IllegalArgumentException("cql_actions must be >= 1 and cql_temperature > 0");
        }
    }

    @Override
    public int actorOutputsPerAction() {
        return 2;
    }
}
