package dev.lamo.harness.cluster;

import dev.lamo.harness.eval.EnvironmentNodeLostException;
import dev.lamo.harness.eval.EvaluationStoppedException;
import dev.lamo.harness.eval.Messages;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Places episodes on environment nodes: a starting episode goes to the ready node holding the fewest (ties: by node
 * id) and stays there; starts wait while no node is ready, up to the cluster's wait time. Requests to a node that
 * leaves fail with {@link EnvironmentNodeLostException} at once, so that its episodes run again elsewhere. State
 * confined to the {@link CoordinatorContext}.
 */
final class EnvironmentScheduler implements Membership.Events {

    /** An episode start waiting for an environment node. */
    private record Waiting(int slot, Messages.ResetRequest request, DeliveryOptions delivery,
                           Promise<Messages.StepResults> promise) {
    }

    private final Vertx vertx;
    private final EnvironmentNodes nodes;
    private final FailureClassifier failures;
    private final MessageTimes times;
    private final long waitMillis;
    private final Map<Integer, Membership.EnvNode> slots = new HashMap<>();
    private final Map<Membership.EnvNode, Integer> episodes = new HashMap<>();
    private final Map<Membership.EnvNode, Set<Promise<?>>> pending = new HashMap<>();
    private final List<Waiting> waiting = new ArrayList<>();
    private long noEnvironmentSince = -1;

    /**
     * @param waitMillis how long starts wait while no environment node is ready before the evaluation stops
     */
    EnvironmentScheduler(Vertx vertx, EnvironmentNodes nodes, FailureClassifier failures, MessageTimes times, long waitMillis) {
        this.vertx = vertx;
        this.nodes = nodes;
        this.failures = failures;
        this.times = times;
        this.waitMillis = waitMillis;
    }

    /** Starts an episode on the least-loaded ready node (waiting for one if none is ready). */
    Future<Messages.StepResults> start(int slot, Messages.ResetRequest request, DeliveryOptions delivery) {
        Promise<Messages.StepResults> p = Promise.promise();
        waiting.add(new Waiting(slot, request, delivery, p));
        assignWaiting();
        return p.future();
    }

    /** A step of a started slot, on its node. */
    Future<Messages.StepResults> step(int slot, Messages.StepRequest request, DeliveryOptions delivery) {
        Membership.EnvNode n = slots.get(slot);
        if (n == null) {
            return Future.failedFuture(new EnvironmentNodeLostException("the node of slot " + slot + " left the cluster"));
        }
        long t0 = System.nanoTime();
        return this.<Messages.StepResults>send(n, request, delivery).onSuccess(m -> times.environment(System.nanoTime() - t0));
    }

    /** Frees finished slots: one message per node. */
    Future<Void> release(int[] released, DeliveryOptions delivery) {
        Map<Membership.EnvNode, List<Integer>> byNode = new LinkedHashMap<>();
        for (int slot : released) {
            Membership.EnvNode n = slots.remove(slot);
            if (n != null) {
                episodes.merge(n, -1, Integer::sum);
                byNode.computeIfAbsent(n, k -> new ArrayList<>()).add(slot);
            }
        }
        List<Future<Object>> acks = new ArrayList<>();
        for (Map.Entry<Membership.EnvNode, List<Integer>> e : byNode.entrySet()) {
            int[] ids = e.getValue().stream().mapToInt(Integer::intValue).toArray();
            acks.add(send(e.getKey(), new Messages.Release(ids), delivery));
        }
        return Future.join(acks).mapEmpty();
    }

    @Override
    public void ready(Membership.EnvNode node) {
        assignWaiting();
    }

    @Override
    public void left(Membership.EnvNode node) {
        slots.values().removeIf(held -> held == node);
        episodes.remove(node);
        Set<Promise<?>> lost = pending.remove(node);
        if (lost != null) {
            EnvironmentNodeLostException reason = lost(node);
            lost.forEach(p -> p.tryFail(reason));
        }
    }

    /** Stops the evaluation when starts have waited longer than the wait time with no node ready. */
    void checkWaiting() {
        if (waiting.isEmpty() || !nodes.ready().isEmpty()) {
            noEnvironmentSince = -1;
        } else if (noEnvironmentSince < 0) {
            noEnvironmentSince = System.nanoTime();
        } else if (System.nanoTime() - noEnvironmentSince > waitMillis * 1_000_000L) {
            List<Waiting> timedOut = new ArrayList<>(waiting);
            waiting.clear();
            for (Waiting w : timedOut) {
                w.promise.tryFail(new EvaluationStoppedException("no environment node in cluster for " + waitMillis / 1000
                        + " s (start one with: lamo node env --cluster FILE)"));
            }
        }
    }

    /** Gives waiting starts to the ready nodes holding the fewest episodes (ties: by node id). */
    private void assignWaiting() {
        while (!waiting.isEmpty()) {
            Membership.EnvNode best = null;
            for (Membership.EnvNode n : nodes.ready()) {
                if (best == null || load(n) < load(best)) {
                    best = n;
                }
            }
            if (best == null) {
                return;
            }
            Waiting w = waiting.remove(0);
            Membership.EnvNode previous = slots.put(w.slot, best);
            if (previous != null) {
                episodes.merge(previous, -1, Integer::sum);
            }
            episodes.merge(best, 1, Integer::sum);
            this.<Messages.StepResults>send(best, w.request, w.delivery).onComplete(w.promise);
        }
    }

    private int load(Membership.EnvNode n) {
        return episodes.getOrDefault(n, 0);
    }

    /** A request to an environment node; fails with EnvironmentNodeLostException when the node leaves first. */
    private <T> Future<T> send(Membership.EnvNode n, Object request, DeliveryOptions delivery) {
        if (!nodes.knows(n)) {
            return Future.failedFuture(lost(n));
        }
        Promise<T> p = Promise.promise();
        Set<Promise<?>> waitingOnNode = pending.computeIfAbsent(n, k -> new HashSet<>());
        waitingOnNode.add(p);
        vertx.eventBus().<T>request(n.address, request, delivery).onComplete(ar -> {
            waitingOnNode.remove(p);
            if (ar.succeeded()) {
                p.tryComplete(ar.result().body());
            } else {
                failures.fail(p, () -> !nodes.knows(n), () -> lost(n), ar.cause());
            }
        });
        return p.future();
    }

    private static EnvironmentNodeLostException lost(Membership.EnvNode n) {
        return new EnvironmentNodeLostException("environment node " + n.id + " left the cluster");
    }
}
