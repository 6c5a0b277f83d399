package dev.lamo.harness.eval;

import dev.lamo.envs.EnvRegistry;
import dev.lamo.envs.EnvSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A time-boxed throughput measurement of the harness: the plan's first checkpoint and target run at the plan's
 * concurrency for a warm-up, then for a measured window, and stop (episodes still running are dropped). Only the
 * window's counters count, so start-up (loading, JIT, episode resets, a GPU's kernel compilation and graph
 * capture) stays out of the figures, and each point takes warm-up + window + one round, whatever the episode
 * length.
 */
public final class ThroughputWindow {

    /**
     * What happened in the window.
     *
     * @param seconds             the window's length as measured (it ends after the round in progress)
     * @param forwardSeconds      the policy's forward calls, summed
     * @param contextSeconds      the policy service's context bookkeeping around them
     * @param physicsSeconds      environment stepping, summed over the workers
     * @param actOverheadSeconds  act round trips beyond the service's forward and context time (messaging, and the
     *                            wait behind other batches at the policy service)
     */
    public record Result(int concurrency, int workers, double seconds, long envSteps, long forwards, long batchRows,
                         double forwardSeconds, double contextSeconds, double physicsSeconds, double actOverheadSeconds) {

        public double envStepsPerSecond() {
            return envSteps / seconds;
        }

        public double meanBatchSize() {
            return forwards == 0 ? 0 : (double) batchRows / forwards;
        }

        /** Share of the window the policy thread spent in forward calls. */
        public double forwardFraction() {
            return forwardSeconds / seconds;
        }

        /** Share of the window the policy thread spent on contexts (host-side, per batch). */
        public double contextFraction() {
            return contextSeconds / seconds;
        }

        /** Share of the workers' time spent in physics. */
        public double physicsFraction() {
            return physicsSeconds / (seconds * workers);
        }

        public double forwardMillisPerBatch() {
            return forwards == 0 ? 0 : 1000 * forwardSeconds / forwards;
        }

        public double contextMillisPerBatch() {
            return forwards == 0 ? 0 : 1000 * contextSeconds / forwards;
        }

        public double actOverheadMillisPerBatch() {
            return forwards == 0 ? 0 : 1000 * actOverheadSeconds / forwards;
        }
    }

    private ThroughputWindow() {
    }

    /**
     * Measures one point. The plan's episodes should be enough to keep the concurrency filled for the whole time
     * (episodes that end are replaced by the next).
     *
     * @throws IllegalStateException when no environment step falls inside the window
     */
    public static Result measure(EvalPlan requested, Duration warmup, Duration window) {
        return measure(requested, null, warmup, window);
    }

    /**
     * Measures one point with the policy from {@code policies} (null: the plan's run's checkpoints on the plan's
     * runtime), which is asked for the plan's run folder and first checkpoint.
     */
    public static Result measure(EvalPlan requested, Evaluation.PolicyFactory policies, Duration warmup, Duration window) {
        if (warmup.isNegative() || window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("warm-up must be >= 0 and the window > 0");
        }
        EvalPlan plan = RuntimeMarker.settle(requested);
        EnvSpec spec = EnvRegistry.spec(plan.envId());
        ThroughputMeter meter = new ThroughputMeter();
        AtomicReference<ThroughputMeter.Counters> start = new AtomicReference<>();
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lamo-bench-window");
            t.setDaemon(true);
            return t;
        });
        long step = plan.checkpoints().get(0);
        Double target = plan.targets().get(0);
        List<EvaluationCoordinator.Slot> slots = new ArrayList<>();
        for (int i = 0; i < plan.episodes(); i++) {
            EpisodeKey key = new EpisodeKey(step, target, i);
            slots.add(new EvaluationCoordinator.Slot(i, key, key.envSeed(plan.seed())));
        }
        try (EvaluationServices services = new LocalServices(plan.workers(), policies != null ? policies
                : Evaluation.checkpoints(plan.runtime(), plan.policyThreads()));
             EpisodeRecorder recorder = EpisodeRecorder.open(plan, n -> { });
             EvaluationServices.Checkpoint checkpoint = services.open(plan.runDir(), step, plan.envId(),
                     Duration.ofMillis(plan.timeoutMillis()))) {
            // the clock starts once the policy is loaded: loading a large model is not part of the warm-up; the stop
            // is set a window after the mark actually ran, so a late clock never shortens the window
            AtomicBoolean stop = new AtomicBoolean();
            ScheduledFuture<?> mark = clock.schedule(() -> {
                start.set(meter.counters());
                clock.schedule(() -> stop.set(true), window.toNanos(), TimeUnit.NANOSECONDS);
            }, warmup.toNanos(), TimeUnit.NANOSECONDS);
            new EvaluationCoordinator(checkpoint, new EvaluationCoordinator.Plan(spec, slots, plan.maxBatch(),
                    plan.concurrency(), stop::get), recorder, meter).run();
            ThroughputMeter.Counters end = meter.counters();
            mark.cancel(false);
            if (!stop.get()) {
                throw new IllegalStateException("all " + plan.episodes() + " episodes ended before the "
                        + (start.get() == null ? "warm-up" : "window") + " did: give the point more episodes");
            }
            ThroughputMeter.Counters d = end.minus(start.get());
            if (d.envSteps() == 0) {
                throw new IllegalStateException("no environment step finished inside the " + window.toMillis() + " ms window");
            }
            return new Result(plan.concurrency(), plan.workers(), d.nanos() / 1e9, d.envSteps(), d.forwards(), d.batchRows(),
                    d.forwardNanos() / 1e9, d.contextNanos() / 1e9, d.physicsNanos() / 1e9, d.actOverheadNanos() / 1e9);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("benchmark interrupted", e);
        } finally {
            clock.shutdownNow();
        }
    }
}
