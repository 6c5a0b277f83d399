package dev.lamo.policies.offline;

/**
 * Implicit Q-learning (Kostrikov et al. 2022), CORL's defaults for locomotion: twin critics, a value network and
 * a Gaussian actor (tanh mean, state-independent log std) of two 256-unit layers, Adam lr 3e-4 for all three with
 * a cosine decay of the actor's over training, γ 0.99, τ 0.005, expectile 0.7, inverse temperature β 3 with
 * advantage weights capped at 100, batch 256, normalised states and rewards scaled by 1000 / (max − min return).
 */
public record IqlConfig(int[] actorHidden, int[] criticHidden, double actorLr, double qLr, double vLr, double gamma,
                        double tau, double expectile, double beta, double maxAdvantageWeight, boolean cosineActorLr,
                        int batchSize, boolean normalizeStates, boolean normalizeRewards, long checkpointEvery, long logEvery)
        implements OfflineConfig {

    public static IqlConfig defaults() {
        return new IqlConfig(new int[] {256, 256}, new int[] {256, 256}, 3e-4, 3e-4, 3e-4, 0.99, 0.005, 0.7, 3.0, 100.0,
                true, 256, true, true, 5000, 1000);
    }

    public IqlConfig {
        OfflineSchedule.requirePositive(batchSize, checkpointEvery, logEvery);
        if (!(expectile > 0 && expectile < 1)) {
            throw new IllegalArgumentException("expectile must be in (0, 1), got " + expectile);
        }
    }
}
