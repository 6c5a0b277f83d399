package dev.lamo.harness.eval;

import dev.lamo.policies.Policy;
import dev.lamo.policies.PolicyInfo;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Local mode: the policy service and one environment service stepping on {@code workers} threads in this process,
 * over the local event bus.
 */
final class LocalServices implements EvaluationServices {

    private final Vertx vertx;
    private final int workers;
    private final Evaluation.PolicyFactory policies;

    LocalServices(int workers, Evaluation.PolicyFactory policies) {
        this.workers = workers;
        this.policies = policies;
        this.vertx = Vertx.vertx(new VertxOptions().setWorkerPoolSize(Math.max(2, workers + 1))
                .setBlockedThreadCheckInterval(60_000).setMaxWorkerExecuteTime(1).setMaxWorkerExecuteTimeUnit(TimeUnit.HOURS));
        Messages.registerCodecs(vertx.eventBus());
    }

    @Override
    public Checkpoint open(Path runDir, long step, String envId, Duration requestTimeout) {
        Policy policy = policies.load(runDir, step);
        List<String> deployments = new ArrayList<>();
        try {
            deployments.add(Futures.await(vertx.deployVerticle(new PolicyServiceVerticle(policy)), Timeouts.DEPLOY,
                    "deploying the policy service"));
            deployments.add(Futures.await(vertx.deployVerticle(new EnvironmentServiceVerticle(0, envId, workers)),
                    Timeouts.DEPLOY, "deploying the environment service"));
        } catch (RuntimeException e) {
            deployments.forEach(vertx::undeploy);
            policy.close();
            throw e;
        }
        return new LocalCheckpoint(policy, deployments, new DeliveryOptions().setSendTimeout(requestTimeout.toMillis()));
    }

    /** One checkpoint's services on the local event bus. */
    private final class LocalCheckpoint implements Checkpoint {

        private final Policy policy;
        private final List<String> deployments;
        private final DeliveryOptions delivery;
        private final EventBus bus = vertx.eventBus();
        private final String env = EnvironmentServiceVerticle.address(0);

        LocalCheckpoint(Policy policy, List<String> deployments, DeliveryOptions delivery) {
            this.policy = policy;
            this.deployments = deployments;
            this.delivery = delivery;
        }

        @Override
        public PolicyInfo policyInfo() {
            return policy.info();
        }

        @Override
        public Future<Messages.ActReply> act(Messages.ActRequest request) {
            return bus.<Messages.ActReply>request(PolicyServiceVerticle.ADDRESS, request, delivery).map(Message::body);
        }

        @Override
        public Future<Messages.StepResults> reset(int slot, long seed) {
            return bus.<Messages.StepResults>request(env, new Messages.ResetRequest(new int[] {slot}, new long[] {seed}),
                    delivery).map(Message::body);
        }

        @Override
        public Future<Messages.StepResults> step(int slot, float[] action) {
            return bus.<Messages.StepResults>request(env, new Messages.StepRequest(new int[] {slot}, action, action.length),
                    delivery).map(Message::body);
        }

        @Override
        public Future<Void> release(int[] slots) {
            Messages.Release release = new Messages.Release(slots);
            return Future.join(bus.request(PolicyServiceVerticle.ADDRESS, release, delivery), bus.request(env, release, delivery))
                    .mapEmpty();
        }

        @Override
        public void close() {
            try {
                for (String id : deployments) {
                    Futures.await(vertx.undeploy(id), Timeouts.DEPLOY, "undeploying a service");
                }
            } finally {
                policy.close();
            }
        }
    }

    @Override
    public void close() {
        Futures.await(vertx.close(), Timeouts.DEPLOY, "closing Vert.x");
    }
}
