package dev.lamo.harness.eval;

import dev.lamo.policies.Policy;
import dev.lamo.policies.PolicyInfo;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** Local mode: the policy service and one environment service in this process, over the local event bus. */
final class LocalServices implements EvaluationServices {

    private final Vertx vertx;
    private final Evaluation.PolicyFactory policies;

    LocalServices(int workers, Evaluation.PolicyFactory policies) {
        this.policies = policies;
        this.vertx = Vertx.vertx(new VertxOptions().setWorkerPoolSize(Math.max(2, workers + 1))
                .setBlockedThreadCheckInterval(60_000).setMaxWorkerExecuteTime(1).setMaxWorkerExecuteTimeUnit(TimeUnit.HOURS));
        Messages.registerCodecs(vertx.eventBus());
    }

    @Override
    public Vertx vertx() {
        return vertx;
    }

    @Override
    public Checkpoint open(Path runDir, long step, String envId, int workers) {
        Policy policy = policies.load(runDir, step);
        List<String> deployments = new ArrayList<>();
        try {
            deployments.add(Evaluation.await(vertx.deployVerticle(new PolicyServiceVerticle(policy))));
            deployments.add(Evaluation.await(vertx.deployVerticle(new EnvironmentServiceVerticle(0, envId, workers))));
        } catch (RuntimeException e) {
            deployments.forEach(id -> vertx.undeploy(id));
            policy.close();
            throw e;
        }
        String env = EnvironmentServiceVerticle.address(0);
        return new Checkpoint() {
            @Override
            public PolicyInfo policyInfo() {
                return policy.info();
            }

            @Override
            public Future<Message<Object>> policy(Object request, DeliveryOptions delivery) {
                return vertx.eventBus().request(PolicyServiceVerticle.ADDRESS, request, delivery);
            }

            @Override
            public Future<Message<Object>> start(int slot, Object request, DeliveryOptions delivery) {
                return environment(slot, request, delivery);
            }

            @Override
            public Future<Message<Object>> environment(int slot, Object request, DeliveryOptions delivery) {
                return vertx.eventBus().request(env, request, delivery);
            }

            @Override
            public Future<Void> release(int[] slots, Function<int[], Object> message, DeliveryOptions delivery) {
                return vertx.eventBus().request(env, message.apply(slots), delivery).mapEmpty();
            }

            @Override
            public void close() {
                try {
                    for (String id : deployments) {
                        Evaluation.await(vertx.undeploy(id));
                    }
                } finally {
                    policy.close();
                }
            }
        };
    }

    @Override
    public void close() {
        Evaluation.await(vertx.close());
    }
}
