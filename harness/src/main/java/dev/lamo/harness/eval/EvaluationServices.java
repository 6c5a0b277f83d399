package dev.lamo.harness.eval;

import dev.lamo.policies.PolicyInfo;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Where an evaluation's policy service and environment services run: in this process (local mode) or on the
 * nodes of a cluster. The coordinator (protocol, seeds, batch formation, recorder) is the same for both, which is
 * why a clustered evaluation gives the local one's results.
 */
public interface EvaluationServices extends AutoCloseable {

    /** The Vert.x instance the coordinator sends from. */
    Vertx vertx();

    /** Starts the policy of one checkpoint and environments of {@code envId}, for one checkpoint's episodes. */
    Checkpoint open(Path runDir, long step, String envId, int workers);

    @Override
    void close();

    /** The services of one checkpoint. Request bodies and replies are the {@code Messages} records. */
    interface Checkpoint extends AutoCloseable {

        PolicyInfo policyInfo();

        /** A request to the policy service; fails with {@link EvaluationStoppedException} when it is gone. */
        Future<Message<Object>> policy(Object request, DeliveryOptions delivery);

        /**
         * A reset that starts an episode: picks the environment node that will hold the slot from now on (it may
         * wait for one to join).
         */
        Future<Message<Object>> start(int slot, Object request, DeliveryOptions delivery);

        /**
         * A request about a started slot, to its node; fails with {@link EnvironmentNodeLostException} when that node
         * left, so that the episode can run again elsewhere.
         */
        Future<Message<Object>> environment(int slot, Object request, DeliveryOptions delivery);

        /** Frees finished slots' environments: one message per node, made by {@code message}. */
        Future<Void> release(int[] slots, Function<int[], Object> message, DeliveryOptions delivery);

        @Override
        void close();
    }
}
