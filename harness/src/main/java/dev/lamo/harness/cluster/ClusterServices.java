package dev.lamo.harness.cluster;

import dev.lamo.harness.eval.EvaluationServices;
import dev.lamo.harness.eval.EvaluationStoppedException;
import dev.lamo.harness.eval.Futures;
import dev.lamo.harness.eval.Messages;
import dev.lamo.harness.eval.Timeouts;
import dev.lamo.policies.PolicyInfo;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;

/**
 * The coordinator's view of a cluster, as an evaluation's services: {@link Membership} finds environment nodes,
 * {@link EnvironmentScheduler} places episodes on them and {@link PolicyControl} drives the policy node. Their
 * state lives on one {@link CoordinatorContext}; a periodic watch compares it with the cluster's members, so that
 * when an environment node leaves (or is killed) its episodes run again elsewhere, and when the policy node leaves
 * the evaluation stops ({@link EvaluationStoppedException}).
 */
public final class ClusterServices implements EvaluationServices {

    private final ClusterVertx node;
    private final CoordinatorContext context;
    private final MessageTimes times = new MessageTimes();
    private final Membership membership;
    private final EnvironmentScheduler scheduler;
    private final PolicyControl policy;
    private long censusTimer;
    private long watchTimer;

    /**
     * @param waitMillis how long to wait for a policy node, or for an environment node while none is there
     */
    public ClusterServices(ClusterVertx node, long waitMillis) {
        this.node = node;
        this.context = CoordinatorContext.create(node.vertx());
        FailureClassifier failures = new FailureClassifier(node.vertx());
        this.membership = new Membership(node);
        this.scheduler = new EnvironmentScheduler(node.vertx(), membership, failures, times, waitMillis);
        this.policy = new PolicyControl(node, failures, times, waitMillis);
        context.run(() -> {
            censusTimer = membership.start(scheduler);
            watchTimer = node.vertx().setPeriodic(Timeouts.MEMBERSHIP_WATCH_EVERY.toMillis(), id -> watch());
        });
    }

    /** Round-trip times of this coordinator's per-step requests. */
    public MessageTimes times() {
        return times;
    }

    /** Bytes this coordinator's event bus sent and received. */
    public WireTraffic traffic() {
        return node.traffic();
    }

    @Override
    public Checkpoint open(Path runDir, long step, String envId, Duration requestTimeout) {
        PolicyInfo info = await(context.call(() -> {
            membership.use(envId);
            return policy.load(runDir, step);
        }));
        DeliveryOptions delivery = new DeliveryOptions().setSendTimeout(requestTimeout.toMillis());
        return new Checkpoint() {
            @Override
            public PolicyInfo policyInfo() {
                return info;
            }

            @Override
            public Future<Messages.ActReply> act(Messages.ActRequest request) {
                return context.call(() -> policy.act(request, delivery));
            }

            @Override
            public Future<Messages.StepResults> reset(int slot, long seed) {
                Messages.ResetRequest request = new Messages.ResetRequest(new int[] {slot}, new long[] {seed});
                return context.call(() -> scheduler.start(slot, request, delivery));
            }

            @Override
            public Future<Messages.StepResults> step(int slot, float[] action) {
                Messages.StepRequest request = new Messages.StepRequest(new int[] {slot}, action, action.length);
                return context.call(() -> scheduler.step(slot, request, delivery));
            }

            @Override
            public Future<Void> release(int[] slots) {
                Messages.Release release = new Messages.Release(slots);
                return context.call(() -> Future.join(policy.release(release, delivery), scheduler.release(slots, delivery))
                        .mapEmpty());
            }

            @Override
            public void close() {
                try {
                    Futures.get(context.call(policy::unload), Timeouts.BACKSTOP);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (ExecutionException e) {
                    // the next load unloads it as well
                }
            }
        };
    }

    /** The result on the caller's thread; an evaluation-stopping failure as itself. */
    private static <T> T await(Future<T> f) {
        try {
            return Futures.get(f, Timeouts.BACKSTOP);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EvaluationStoppedException("interrupted while loading the policy");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new EvaluationStoppedException(Futures.cause(e));
        }
    }

    /** Compares the nodes in use with the cluster's members (on the context). */
    private void watch() {
        var members = node.members();
        membership.watch(members);
        policy.watch(members);
        scheduler.checkWaiting();
    }

    /** Leaves the cluster. */
    @Override
    public void close() {
        context.run(() -> {
            node.vertx().cancelTimer(censusTimer);
            node.vertx().cancelTimer(watchTimer);
        });
        node.close();
    }
}
