package dev.lamo.policies.offline;

/** The settings every offline baseline shares, whatever its own hyper-parameters. */
public interface OfflineConfig {

    int batchSize();

    /** Hidden layer widths of the actor. */
    int[] actorHidden();

    /** Whether states are normalised by the dataset's mean and std (std + 1e-3), as CORL does. */
    boolean normalizeStates();

    /**
     * Whether rewards are scaled by 1000 / (max − min episode return), CORL's choice for IQL on locomotion tasks.
     */
    boolean normalizeRewards();

    /** Actor outputs per action dimension: 1, or 2 for a mean and a log std. */
    default int actorOutputsPerAction() {
        return 1;
    }

    long checkpointEvery();

    long logEvery();

    /** Settings every baseline checks the same way. */
    static void requirePositive(int batchSize, long checkpointEvery, long logEvery) {
        if (batchSize < 1 || checkpointEvery < 1 || logEvery < 1) {
            throw new IllegalArgumentException("batch_size, checkpoint_every and log_every must be >= 1");
        }
    }
}
