package dev.lamo.harness.cluster;

import static org.junit.jupiter.api.Assertions.*;

import dev.lamo.harness.eval.EnvironmentNodeLostException;
import dev.lamo.harness.eval.EvaluationStoppedException;
import dev.lamo.harness.eval.Futures;
import dev.lamo.harness.eval.HarnessVerticles;
import dev.lamo.harness.eval.Messages;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The scheduler on one Vert.x instance: real environment services stand for nodes "a" and "b" behind a relay that
 * notes which node each episode reached; the nodes' membership is a list the test edits.
 */
class EnvironmentSchedulerTest {

    private static final Duration LIMIT = Duration.ofSeconds(30);

    private Vertx vertx;
    private CoordinatorContext context;
    private final List<Membership.EnvNode> ready = new ArrayList<>();
    /** Slot of each reset, by the node that received it. */
    private final Map<Integer, String> placed = new ConcurrentHashMap<>();
    private EnvironmentScheduler scheduler;
    private final DeliveryOptions delivery = new DeliveryOptions().setSendTimeout(20_000);

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        HarnessVerticles.registerCodecs(vertx.eventBus());
        context = CoordinatorContext.create(vertx);
        EnvironmentNodes nodes = new EnvironmentNodes() {
            @Override
            public boolean knows(Membership.EnvNode n) {
                return ready.contains(n);
            }

            @Override
            public List<Membership.EnvNode> ready() {
                return List.copyOf(ready);
            }
        };
        scheduler = new EnvironmentScheduler(vertx, nodes, new FailureClassifier(vertx), new MessageTimes(), 300);
    }

    @AfterEach
    void stop() {
        Futures.await(vertx.close(), LIMIT, "closing Vert.x");
    }

    /** A node whose environment service answers (or, if {@code silent}, never answers) on its address. */
    private Membership.EnvNode node(String id, boolean silent) {
        Membership.EnvNode n = new Membership.EnvNode(id, "control." + id);
        n.address = "env." + id;
        if (!silent) {
            Futures.await(vertx.deployVerticle(HarnessVerticles.environmentService(n.address + ".real", "reacher2d", 1)), LIMIT,
                    "deploying");
        }
        Futures.await(vertx.eventBus().consumer(n.address, msg -> {
            if (msg.body() instanceof Messages.ResetRequest r) {
                placed.put(r.slots()[0], id);
            }
            if (!silent) {
                vertx.eventBus().request(n.address + ".real", msg.body()).onComplete(ar -> msg.reply(ar.result().body()));
            }
        }).completion(), LIMIT, "registering");
        return n;
    }

    private Future<Messages.StepResults> start(int slot) {
        return context.call(() -> scheduler.start(slot, new Messages.ResetRequest(new int[] {slot}, new long[] {slot}), delivery));
    }

    @Test
    void episodesGoToTheLeastLoadedNodeAndStayThere() throws Exception {
        Membership.EnvNode a = node("a", false);
        Membership.EnvNode b = node("b", false);
        context.run(() -> {
            ready.add(a);
            ready.add(b);
        });
        for (int slot = 0; slot < 5; slot++) {
            Futures.get(start(slot), LIMIT);
        }
        assertEquals(Map.of(0, "a", 1, "b", 2, "a", 3, "b", 4, "a"), placed, "fewest episodes first, ties by node id");
        Futures.get(context.call(() -> scheduler.release(new int[] {1, 3}, delivery)), LIMIT);
        Futures.get(start(5), LIMIT);
        assertEquals("b", placed.get(5), "b holds none after its two were released");
        Messages.StepResults step = Futures.get(context.call(() -> scheduler.step(2,
                new Messages.StepRequest(new int[] {2}, new float[] {0.1f, 0.1f}, 2), delivery)), LIMIT);
        assertArrayEquals(new int[] {2}, step.slots());
        assertNull(step.failures()[0], "slot 2 stepped on the node holding its environment");
    }

    @Test
    void aNodeThatLeavesFailsItsRequestsAsLostAtOnce() throws Exception {
        Membership.EnvNode silent = node("s", true);
        context.run(() -> ready.add(silent));
        Future<Messages.StepResults> waiting = start(0);
        for (int i = 0; i < 3000 && !placed.containsKey(0); i++) {
            Thread.sleep(10);
        }
        assertEquals("s", placed.get(0));
        context.run(() -> {
            ready.remove(silent);
            scheduler.left(silent);
        });
        ExecutionException e = assertThrows(ExecutionException.class, () -> Futures.get(waiting, LIMIT));
        assertInstanceOf(EnvironmentNodeLostException.class, e.getCause());
        ExecutionException later = assertThrows(ExecutionException.class, () -> Futures.get(context.call(() ->
                scheduler.step(0, new Messages.StepRequest(new int[] {0}, new float[2], 2), delivery)), LIMIT));
        assertInstanceOf(EnvironmentNodeLostException.class, later.getCause(), "its slot is forgotten");
    }

    @Test
    void startsWaitForANodeAndStopTheEvaluationWhenNoneComes() throws Exception {
        Future<Messages.StepResults> first = start(0);
        Membership.EnvNode a = node("a", false);
        context.run(() -> {
            ready.add(a);
            scheduler.ready(a);
        });
        Futures.get(first, LIMIT);
        assertEquals("a", placed.get(0), "a waiting start goes to the node that became ready");
        context.run(() -> ready.remove(a));
        Future<Messages.StepResults> second = start(1);
        for (int i = 0; i < 10 && !second.isComplete(); i++) {
            context.run(scheduler::checkWaiting);
            Thread.sleep(100);
        }
        ExecutionException e = assertThrows(ExecutionException.class, () -> Futures.get(second, LIMIT));
        assertInstanceOf(EvaluationStoppedException.class, e.getCause());
        assertTrue(e.getCause().getMessage().startsWith("no environment node in cluster for 0 s"), e.getCause().getMessage());
    }
}
