package dev.lamo.harness.cluster;

import dev.lamo.harness.eval.EvaluationStoppedException;
import dev.lamo.harness.eval.HarnessVerticles;
import dev.lamo.harness.eval.Messages;
import dev.lamo.harness.eval.Timeouts;
import dev.lamo.policies.PolicyInfo;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The coordinator's side of the policy node: loads a checkpoint there (retrying on a timer until a policy node has
 * joined, up to the cluster's wait time), sends it forward and release requests, and unloads it. When the policy
 * node leaves, what waits on it fails with {@link EvaluationStoppedException} and the evaluation stops. State
 * confined to the {@link CoordinatorContext}; nothing here sleeps or blocks.
 */
final class PolicyControl {

    private final Vertx vertx;
    private final ClusterVertx node;
    private final FailureClassifier failures;
    private final MessageTimes times;
    private final long waitMillis;
    private final Set<Promise<?>> pending = new HashSet<>();
    private String policyNode;
    private boolean lost;

    PolicyControl(ClusterVertx node, FailureClassifier failures, MessageTimes times, long waitMillis) {
        this.vertx = node.vertx();
        this.node = node;
        this.failures = failures;
        this.times = times;
        this.waitMillis = waitMillis;
    }

    /** Loads checkpoint {@code step} of {@code runDir} on the policy node; waits up to waitMillis for one to join. */
    Future<PolicyInfo> load(Path runDir, long step) {
        JsonObject load = new JsonObject().put("op", "load").put("run_dir", runDir.toAbsolutePath().toString()).put("step", step);
        Promise<PolicyInfo> p = Promise.promise();
        attemptLoad(load, runDir, step, System.nanoTime() + waitMillis * 1_000_000L, p);
        return p.future();
    }

    private void attemptLoad(JsonObject load, Path runDir, long step, long deadline, Promise<PolicyInfo> p) {
        vertx.eventBus().<JsonObject>request(ControlAddresses.POLICY, load,
                new DeliveryOptions().setSendTimeout(Timeouts.POLICY_LOAD.toMillis())).onComplete(ar -> {
                    if (ar.succeeded()) {
                        policyNode = ar.result().body().getString("node");
                        lost = !node.members().contains(policyNode);
                        p.complete(PolicyNode.info(ar.result().body()));
                        return;
                    }
                    Throwable cause = ar.cause();
                    boolean none = cause instanceof ReplyException r && r.failureType() == ReplyFailure.NO_HANDLERS;
                    if (!none) {
                        p.fail(new EvaluationStoppedException("the policy node could not load checkpoint " + step + " of "
                                + runDir + ": " + cause.getMessage()));
                    } else if (System.nanoTime() > deadline) {
                        p.fail(new EvaluationStoppedException("no policy node joined cluster within " + waitMillis / 1000
                                + " s (start one with: lamo node policy --cluster FILE)"));
                    } else {
                        vertx.setTimer(Timeouts.POLICY_RETRY.toMillis(), id -> attemptLoad(load, runDir, step, deadline, p));
                    }
                });
    }

    /** One forward pass on the policy node. */
    Future<Messages.ActReply> act(Messages.ActRequest request, DeliveryOptions delivery) {
        return request(request, delivery);
    }

    /** Forgets finished slots' contexts. */
    Future<Void> release(Messages.Release release, DeliveryOptions delivery) {
        return request(release, delivery).mapEmpty();
    }

    /** Unloads the checkpoint (nothing to do when the node left; the next load unloads it as well). */
    Future<Void> unload() {
        if (lost || policyNode == null) {
            return Future.succeededFuture();
        }
        return vertx.eventBus().request(ControlAddresses.POLICY, new JsonObject().put("op", "unload"),
                new DeliveryOptions().setSendTimeout(Timeouts.POLICY_UNLOAD.toMillis())).mapEmpty();
    }

    /** Fails what waits on the policy node once it is no longer a member. */
    void watch(List<String> members) {
        if (policyNode != null && !lost && !members.contains(policyNode)) {
            lost = true;
            List<Promise<?>> waiting = List.copyOf(pending);
            pending.clear();
            waiting.forEach(p -> p.tryFail(gone()));
        }
    }

    /** A request to the policy service; its round trip counts in the policy times. */
    private <T> Future<T> request(Object body, DeliveryOptions delivery) {
        if (lost) {
            return Future.failedFuture(gone());
        }
        Promise<T> p = Promise.promise();
        pending.add(p);
        long t0 = System.nanoTime();
        vertx.eventBus().<T>request(HarnessVerticles.POLICY_ADDRESS, body, delivery).onComplete(ar -> {
            pending.remove(p);
            if (ar.succeeded()) {
                times.policy(System.nanoTime() - t0);
                p.tryComplete(ar.result().body());
            } else {
                failures.fail(p, () -> lost, this::gone, ar.cause());
            }
        });
        return p.future();
    }

    private EvaluationStoppedException gone() {
        return new EvaluationStoppedException("policy node " + policyNode + " left the cluster; finished episodes are "
                + "recorded: start a policy node and run the same command with --resume");
    }
}
