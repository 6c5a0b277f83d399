package dev.lamo.harness.eval;

import dev.lamo.policies.PolicyInfo;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where an evaluation's policy service and environment services run: in this process (local mode) or on the
 * nodes of a cluster. The coordinator (protocol, seeds, batch formation, recorder) is the same for both, which is
 * why a clustered evaluation gives the local one's results.
 */
public interface EvaluationServices extends AutoCloseable {

    /**
     * Starts the policy of one checkpoint and environments of {@code envId}, for one checkpoint's episodes.
     *
     * @param requestTimeout a reset, step or forward slower than this fails (its episodes, not the evaluation)
     */
    Checkpoint open(Path runDir, long step, String envId, Duration requestTimeout);

    @Override
    void close();

    /** The services of one checkpoint, called from the coordinator's thread; replies complete on event loops. */
    interface Checkpoint extends AutoCloseable {

        PolicyInfo policyInfo();

        /** One forward pass over a batch; fails with {@link EvaluationStoppedException} when the policy is gone. */
        Future<Messages.ActReply> act(Messages.ActRequest request);

        /**
         * Starts an episode in a fresh environment reset with {@code seed}: picks the environment node that holds the
         * slot from then on (it may wait for one to join).
         */
        Future<Messages.StepResults> reset(int slot, long seed);

        /**
         * One step of a started slot on its node; fails with {@link EnvironmentNodeLostException} when that node left,
         * so that the episode can run again elsewhere.
         */
        Future<Messages.StepResults> step(int slot, float[] action);

        /** Forgets finished slots: their contexts in the policy service and their environments. */
        Future<Void> release(int[] slots);

        @Override
        void close();
    }
}
