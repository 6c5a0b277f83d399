package dev.lamo.harness.eval;

import dev.lamo.results.records.JobStatus;
import dev.lamo.results.stats.Descriptive;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An evaluation's throughput counters (timings, never results): the totals that {@code summary.json} reports, and
 * a live window that {@code status.json} reports, reset each time it is read. Replies update it from event loops.
 */
final class ThroughputMeter {

    private final long start = System.nanoTime();
    private long envSteps;
    private long forwards;
    private long batchRows;
    private long physicsNanos;
    private long contextNanos;
    private final List<Long> forwardNanos = new ArrayList<>();
    private long forwardNanosTotal;
    /** Act round trips seen by the coordinator, beyond the policy service's forward and context work. */
    private long actOverheadNanos;
    /** Where the current window starts: time, environment steps, forwards and index into forwardNanos. */
    private long windowStart = start;
    private long windowSteps;
    private long windowBatchRows;
    private int windowForwards;

    /**
     * One answered act request.
     *
     * @param roundTripNanos from the request's send to its reply, as the coordinator saw it
     */
    synchronized void forward(int rows, Messages.ActReply reply, long roundTripNanos) {
        forwards++;
        batchRows += rows;
        forwardNanos.add(reply.forwardNanos());
        forwardNanosTotal += reply.forwardNanos();
        contextNanos += reply.contextNanos();
        actOverheadNanos += Math.max(0, roundTripNanos - reply.forwardNanos() - reply.contextNanos());
    }

    /**
     * Cumulative counters at one instant; the difference of two is what happened between them.
     *
     * @param actOverheadNanos act round trips minus the service's forward and context time: messaging, and at
     *                         high concurrency the wait behind other batches at the policy service
     */
    record Counters(long nanos, long envSteps, long forwards, long batchRows, long forwardNanos, long physicsNanos,
                    long contextNanos, long actOverheadNanos) {

        Counters minus(Counters earlier) {
            return new Counters(nanos - earlier.nanos, envSteps - earlier.envSteps, forwards - earlier.forwards,
                    batchRows - earlier.batchRows, forwardNanos - earlier.forwardNanos, physicsNanos - earlier.physicsNanos,
                    contextNanos - earlier.contextNanos, actOverheadNanos - earlier.actOverheadNanos);
        }
    }

    synchronized Counters counters() {
        return new Counters(System.nanoTime(), envSteps, forwards, batchRows, forwardNanosTotal, physicsNanos, contextNanos,
                actOverheadNanos);
    }

    synchronized void reset(Messages.StepResults results) {
        physicsNanos += results.physicsNanos();
    }

    synchronized void step(Messages.StepResults results) {
        physicsNanos += results.physicsNanos();
        envSteps++;
    }

    /** Throughput since the last call (or the start), and a new window from now. */
    synchronized JobStatus.Throughput window() {
        long now = System.nanoTime();
        double seconds = (now - windowStart) / 1e9;
        int n = forwardNanos.size() - windowForwards;
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            ms[i] = forwardNanos.get(windowForwards + i) / 1e6;
        }
        JobStatus.Throughput t = new JobStatus.Throughput(seconds > 0 ? (envSteps - windowSteps) / seconds : null, null,
                n == 0 ? null : (double) (batchRows - windowBatchRows) / n, n == 0 ? null : Descriptive.quantile(ms, 0.5),
                n == 0 ? null : Descriptive.quantile(ms, 0.99));
        windowStart = now;
        windowSteps = envSteps;
        windowBatchRows = batchRows;
        windowForwards = forwardNanos.size();
        return t;
    }

    /** The totals of the whole evaluation, as {@code summary.json}'s throughput section (keys in this order). */
    synchronized Map<String, Object> totals() {
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("wall_seconds", seconds);
        t.put("env_steps", envSteps);
        t.put("env_steps_per_second", envSteps / seconds);
        t.put("forwards", forwards);
        t.put("mean_batch_size", forwards == 0 ? 0 : (double) batchRows / forwards);
        double[] ms = forwardNanos.stream().mapToDouble(n -> n / 1e6).toArray();
        t.put("forward_ms_p50", ms.length == 0 ? 0 : Descriptive.quantile(ms, 0.5));
        t.put("forward_ms_p99", ms.length == 0 ? 0 : Descriptive.quantile(ms, 0.99));
        double forwardSeconds = forwardNanosTotal / 1e9;
        t.put("forward_seconds", forwardSeconds);
        t.put("physics_seconds", physicsNanos / 1e9);
        t.put("context_seconds", contextNanos / 1e9);
        t.put("policy_thread_idle_fraction", Math.max(0, 1 - (forwardSeconds + contextNanos / 1e9) / seconds));
        return t;
    }
}
