package dev.lamo.harness.cluster;

import dev.lamo.harness.eval.EnvironmentNodeLostException;
import dev.lamo.harness.eval.EvaluationServices;
import dev.lamo.harness.eval.EvaluationStoppedException;
import dev.lamo.harness.eval.HarnessVerticles;
import dev.lamo.policies.PolicyInfo;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The coordinator's view of a cluster: the policy node that serves the current checkpoint and the environment
 * nodes that hold episodes. A starting episode goes to the environment node holding the fewest; a node found by
 * the periodic census (one that joined late included) takes new episodes from then on. Membership is watched:
 * when an environment node leaves (or is killed), every request waiting on it fails with
 * {@link EnvironmentNodeLostException} at once, so its episodes run again elsewhere; when the policy node leaves,
 * requests fail with {@link EvaluationStoppedException} and the evaluation stops.
 */
public final class ClusterServices implements EvaluationServices {

    private static final long CENSUS_MILLIS = 500;
    private static final long WATCH_MILLIS = 250;

    /** An environment node as the coordinator sees it. */
    private static final class EnvNode {
        final String id;
        final String control;
        String envId;
        String address;
        int episodes;
        final Set<Promise<Message<Object>>> pending = new HashSet<>();

        EnvNode(String id, String control) {
            this.id = id;
            this.control = control;
        }
    }

    /** An episode start waiting for an environment node. */
    private record Waiting(int slot, Object request, DeliveryOptions delivery, Promise<Message<Object>> promise) {
    }

    private final ClusterVertx node;
    private final Vertx vertx;
    private final long waitMillis;
    private final MessageTimes times = new MessageTimes();
    private final Map<String, EnvNode> envNodes = new TreeMap<>();
    private final Map<Integer, EnvNode> slots = new HashMap<>();
    private final List<Waiting> waiting = new ArrayList<>();
    private final Set<Promise<Message<Object>>> policyPending = new HashSet<>();
    private String envId;
    private String policyNode;
    private boolean policyLost;
    private long noEnvironmentSince = -1;
    private final long censusTimer;
    private final long watchTimer;

    /**
     * @param waitMillis how long to wait for a policy node, or for an environment node while none is there
     */
    public ClusterServices(ClusterVertx node, long waitMillis) {
        this.node = node;
        this.vertx = node.vertx();
        this.waitMillis = waitMillis;
        String hello = ControlAddresses.hello(node.nodeId());
        vertx.eventBus().<JsonObject>consumer(hello, msg -> hello(msg.body()));
        JsonObject census = new JsonObject().put("reply", hello);
        censusTimer = vertx.setPeriodic(0, CENSUS_MILLIS, id -> vertx.eventBus().publish(ControlAddresses.CENSUS, census));
        watchTimer = vertx.setPeriodic(WATCH_MILLIS, id -> watch());
    }

    @Override
    public Vertx vertx() {
        return vertx;
    }

    /** Round-trip times of this coordinator's per-step requests. */
    public MessageTimes times() {
        return times;
    }

    /** Bytes this coordinator's event bus sent and received. */
    public WireTraffic traffic() {
        return node.traffic();
    }

    /** Environment nodes holding the current environment now. */
    public synchronized int environmentNodes() {
        return (int) envNodes.values().stream().filter(n -> n.address != null).count();
    }

    @Override
    public Checkpoint open(Path runDir, long step, String envId, int workers) {
        synchronized (this) {
            this.envId = envId;
            for (EnvNode n : envNodes.values()) {
                openEnvironment(n);
            }
        }
        JsonObject reply = loadPolicy(runDir, step);
        synchronized (this) {
            policyNode = reply.getString("node");
            policyLost = !node.members().contains(policyNode);
        }
        PolicyInfo info = PolicyNode.info(reply);
        return new Checkpoint() {
            @Override
            public PolicyInfo policyInfo() {
                return info;
            }

            @Override
            public Future<Message<Object>> policy(Object request, DeliveryOptions delivery) {
                return policyRequest(request, delivery);
            }

            @Override
            public Future<Message<Object>> start(int slot, Object request, DeliveryOptions delivery) {
                return startEpisode(slot, request, delivery);
            }

            @Override
            public Future<Message<Object>> environment(int slot, Object request, DeliveryOptions delivery) {
                EnvNode n;
                synchronized (ClusterServices.this) {
                    n = slots.get(slot);
                }
                if (n == null) {
                    return Future.failedFuture(new EnvironmentNodeLostException("the node of slot " + slot + " left the cluster"));
                }
                long t0 = System.nanoTime();
                return send(n, request, delivery).onSuccess(m -> times.environment(System.nanoTime() - t0));
            }

            @Override
            public Future<Void> release(int[] released, Function<int[], Object> message, DeliveryOptions delivery) {
                return releaseSlots(released, message, delivery);
            }

            @Override
            public void close() {
                synchronized (ClusterServices.this) {
                    if (policyLost) {
                        return;
                    }
                }
                try {
                    vertx.eventBus().request(ControlAddresses.POLICY, new JsonObject().put("op", "unload"),
                            new DeliveryOptions().setSendTimeout(10_000)).toCompletionStage().toCompletableFuture()
                            .get(15, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Exception e) {
                    // the next load unloads it as well
                }
            }
        };
    }

    /** Asks the policy node to load a checkpoint; waits up to waitMillis for one to join. */
    private JsonObject loadPolicy(Path runDir, long step) {
        JsonObject load = new JsonObject().put("op", "load").put("run_dir", runDir.toAbsolutePath().toString()).put("step", step);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        while (true) {
            try {
                Message<JsonObject> m = vertx.eventBus().<JsonObject>request(ControlAddresses.POLICY, load,
                        new DeliveryOptions().setSendTimeout(TimeUnit.MINUTES.toMillis(10))).toCompletionStage()
                        .toCompletableFuture().get(11, TimeUnit.MINUTES);
                return m.body();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EvaluationStoppedException("interrupted while loading the policy");
            } catch (Exception e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                boolean none = cause instanceof ReplyException r && r.failureType() == ReplyFailure.NO_HANDLERS;
                if (!none) {
                    throw new EvaluationStoppedException("the policy node could not load checkpoint " + step + " of "
                            + runDir + ": " + cause.getMessage());
                }
                if (System.nanoTime() > deadline) {
                    throw new EvaluationStoppedException("no policy node joined cluster within " + waitMillis / 1000
                            + " s (start one with: lamo node policy --cluster FILE)");
                }
                sleep(250);
            }
        }
    }

    private Future<Message<Object>> policyRequest(Object request, DeliveryOptions delivery) {
        Promise<Message<Object>> p = Promise.promise();
        synchronized (this) {
            if (policyLost) {
                return Future.failedFuture(policyGone());
            }
            policyPending.add(p);
        }
        long t0 = System.nanoTime();
        vertx.eventBus().request(HarnessVerticles.POLICY_ADDRESS, request, delivery).onComplete(ar -> {
            synchronized (this) {
                policyPending.remove(p);
            }
            if (ar.succeeded()) {
                times.policy(System.nanoTime() - t0);
                p.tryComplete(ar.result());
            } else {
                failLater(p, () -> policyLost, this::policyGone, ar.cause(), detectionDeadline());
            }
        });
        return p.future();
    }

    private EvaluationStoppedException policyGone() {
        return new EvaluationStoppedException("policy node " + policyNode + " left the cluster; finished episodes are "
                + "recorded: start a policy node and run the same command with --resume");
    }

    private Future<Message<Object>> startEpisode(int slot, Object request, DeliveryOptions delivery) {
        Promise<Message<Object>> p = Promise.promise();
        synchronized (this) {
            waiting.add(new Waiting(slot, request, delivery, p));
            assignWaiting();
        }
        return p.future();
    }

    /** Gives waiting starts to the environment nodes holding the fewest episodes (ties: by node id). */
    private synchronized void assignWaiting() {
        while (!waiting.isEmpty()) {
            EnvNode best = null;
            for (EnvNode n : envNodes.values()) {
                if (n.address != null && (best == null || n.episodes < best.episodes)) {
                    best = n;
                }
            }
            if (best == null) {
                return;
            }
            Waiting w = waiting.remove(0);
            EnvNode previous = slots.put(w.slot, best);
            if (previous != null) {
                previous.episodes--;
            }
            best.episodes++;
            send(best, w.request, w.delivery).onComplete(w.promise);
        }
    }

    /** A request to an environment node; fails with EnvironmentNodeLostException when the node leaves first. */
    private Future<Message<Object>> send(EnvNode n, Object request, DeliveryOptions delivery) {
        Promise<Message<Object>> p = Promise.promise();
        synchronized (this) {
            if (envNodes.get(n.id) != n) {
                return Future.failedFuture(lost(n));
            }
            n.pending.add(p);
        }
        vertx.eventBus().request(n.address, request, delivery).onComplete(ar -> {
            synchronized (this) {
                n.pending.remove(p);
            }
            if (ar.succeeded()) {
                p.tryComplete(ar.result());
            } else {
                failLater(p, () -> envNodes.get(n.id) != n, () -> lost(n), ar.cause(), detectionDeadline());
            }
        });
        return p.future();
    }

    /**
     * A failed request to a node that may be dying (a reset connection comes before membership notices): the failure
     * counts as the node's loss if the node leaves within the detection time, and as the episode's own otherwise.
     * Either way nothing is recorded for a lost node's episodes.
     */
    private void failLater(Promise<Message<Object>> p, BooleanSupplier gone, Supplier<RuntimeException> loss, Throwable cause,
                           long deadline) {
        boolean left;
        synchronized (this) {
            left = gone.getAsBoolean();
        }
        if (left) {
            p.tryFail(loss.get());
        } else if (System.nanoTime() > deadline || p.future().isComplete()) {
            p.tryFail(cause);
        } else {
            vertx.setTimer(WATCH_MILLIS, id -> failLater(p, gone, loss, cause, deadline));
        }
    }

    private static long detectionDeadline() {
        return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MembershipStack.SUSPECT_AFTER_MILLIS + MembershipStack.VERIFY_MILLIS + 4000);
    }

    private static EnvironmentNodeLostException lost(EnvNode n) {
        return new EnvironmentNodeLostException("environment node " + n.id + " left the cluster");
    }

    private Future<Void> releaseSlots(int[] released, Function<int[], Object> message, DeliveryOptions delivery) {
        Map<EnvNode, List<Integer>> byNode = new LinkedHashMap<>();
        synchronized (this) {
            for (int slot : released) {
                EnvNode n = slots.remove(slot);
                if (n != null) {
                    n.episodes--;
                    byNode.computeIfAbsent(n, k -> new ArrayList<>()).add(slot);
                }
            }
        }
        List<Future<Message<Object>>> acks = new ArrayList<>();
        for (Map.Entry<EnvNode, List<Integer>> e : byNode.entrySet()) {
            acks.add(send(e.getKey(), message.apply(e.getValue().stream().mapToInt(Integer::intValue).toArray()), delivery));
        }
        return Future.join(acks).mapEmpty();
    }

    private void hello(JsonObject h) {
        String id = h.getString("node");
        synchronized (this) {
            if (envNodes.containsKey(id) || !node.members().contains(id)) {
                return;
            }
            EnvNode n = new EnvNode(id, h.getString("control"));
            envNodes.put(id, n);
            openEnvironment(n);
        }
    }

    /** Asks a node for a service of the current environment; it takes episodes once the service answers. */
    private synchronized void openEnvironment(EnvNode n) {
        if (envId == null || envId.equals(n.envId)) {
            return;
        }
        String wanted = envId;
        n.envId = wanted;
        n.address = null;
        vertx.eventBus().<JsonObject>request(n.control, new JsonObject().put("op", "open").put("env", wanted),
                new DeliveryOptions().setSendTimeout(60_000)).onComplete(ar -> {
                    synchronized (this) {
                        if (ar.succeeded() && wanted.equals(n.envId)) {
                            n.address = ar.result().body().getString("address");
                            assignWaiting();
                        } else if (ar.failed()) {
                            // forgotten: the next census tries again
                            envNodes.remove(n.id, n);
                        }
                    }
                });
    }

    /** Compares the known nodes with the cluster's members and fails what waited on the ones that left. */
    private void watch() {
        List<String> members = node.members();
        List<Promise<Message<Object>>> lostEnv = new ArrayList<>();
        List<Promise<Message<Object>>> lostPolicy = new ArrayList<>();
        List<Waiting> timedOut = new ArrayList<>();
        EnvironmentNodeLostException[] reason = new EnvironmentNodeLostException[1];
        synchronized (this) {
            for (EnvNode n : new ArrayList<>(envNodes.values())) {
                if (!members.contains(n.id)) {
                    envNodes.remove(n.id);
                    slots.values().removeIf(held -> held == n);
                    lostEnv.addAll(n.pending);
                    n.pending.clear();
                    reason[0] = lost(n);
                }
            }
            if (policyNode != null && !policyLost && !members.contains(policyNode)) {
                policyLost = true;
                lostPolicy.addAll(policyPending);
                policyPending.clear();
            }
            boolean anyEnvironment = envNodes.values().stream().anyMatch(n -> n.address != null);
            if (waiting.isEmpty() || anyEnvironment) {
                noEnvironmentSince = -1;
            } else if (noEnvironmentSince < 0) {
                noEnvironmentSince = System.nanoTime();
            } else if (System.nanoTime() - noEnvironmentSince > TimeUnit.MILLISECONDS.toNanos(waitMillis)) {
                timedOut.addAll(waiting);
                waiting.clear();
            }
        }
        for (Promise<Message<Object>> p : lostEnv) {
            p.tryFail(reason[0]);
        }
        for (Promise<Message<Object>> p : lostPolicy) {
            p.tryFail(policyGone());
        }
        for (Waiting w : timedOut) {
            w.promise.tryFail(new EvaluationStoppedException("no environment node in cluster for " + waitMillis / 1000
                    + " s (start one with: lamo node env --cluster FILE)"));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Leaves the cluster. */
    @Override
    public void close() {
        vertx.cancelTimer(censusTimer);
        vertx.cancelTimer(watchTimer);
        node.close();
    }
}
