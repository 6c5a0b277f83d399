package dev.lamo.policies.offline;

/** The settings every state-vector offline baseline shares, whatever its own hyper-parameters. */
public interface OfflineConfig extends OfflineSchedule {

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
}
