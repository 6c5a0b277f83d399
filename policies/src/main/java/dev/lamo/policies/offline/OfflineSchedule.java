package dev.lamo.policies.offline;

/**
 * What the shared training loop reads from any offline baseline's hyper-parameters, continuous or pixel-based:
 * the minibatch size and how often to log and checkpoint.
 */
public interface OfflineSchedule {

    int batchSize();

    long checkpointEvery();

    long logEvery();

    /** Settings every baseline checks the same way. */
    static void requirePositive(int batchSize, long checkpointEvery, long logEvery) {
        if (batchSize < 1 || checkpointEvery < 1 || logEvery < 1) {
            throw new IllegalArgumentException("batch_size, checkpoint_every and log_every must be >= 1");
        }
    }
}
