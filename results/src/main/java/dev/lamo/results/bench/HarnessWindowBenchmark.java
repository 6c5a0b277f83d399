package dev.lamo.results.bench;

import dev.lamo.results.records.VersionedRecord;
import java.util.List;

/**
 * The record of {@code lamo bench harness --window SECONDS --json FILE}: time-boxed end-to-end throughput of the
 * harness at several concurrencies, each point measured over a fixed window after a warm-up, with where the time
 * went. Concurrency 1 is the sequential pattern (one episode, batch-1 forwards) on the same runtime.
 *
 * @param policy        run directory of the policy
 * @param env           environment id
 * @param runtime       the policy runtime measured (engine, djl, gpu, ...)
 * @param precision     the runtime's arithmetic where it has a choice (null where it has none)
 * @param cores         available processors
 * @param workers       environment worker threads
 * @param maxBatch      largest forward batch
 * @param warmupSeconds unmeasured time before each window
 * @param windowSeconds requested window per point
 * @param points        one per concurrency, in the order measured
 * @param speedup       the last point's env steps/s over the concurrency-1 point's (null without a concurrency-1 point)
 */
public record HarnessWindowBenchmark(String schema, int schemaVersion, String policy, String env, String runtime,
                                     String precision, int cores, int workers, int maxBatch, double warmupSeconds,
                                     double windowSeconds, List<Point> points, Double speedup) implements VersionedRecord {

    public static final String SCHEMA = "lamo.bench_harness_window";
    public static final int VERSION = 1;

    /**
     * One concurrency's window.
     *
     * @param seconds                  the window as measured (it closes after the round in progress)
     * @param forwardFraction          share of the window the policy thread spent in forward calls (on a GPU runtime:
     *                                 host work plus the wait for the device)
     * @param contextFraction          share spent on episode contexts around the forwards (host side)
     * @param physicsFraction          share of the workers' time spent stepping physics
     * @param forwardMsPerBatch        forward time per batch
     * @param contextMsPerBatch        host-side context work per batch
     * @param actOverheadMsPerBatch    act round trip per batch beyond forward and context: messaging, and at high
     *                                 concurrency the wait behind other batches
     */
    public record Point(int concurrency, double seconds, long envSteps, double envStepsPerSecond, long forwards,
                        double meanBatchSize, double forwardFraction, double contextFraction, double physicsFraction,
                        double forwardMsPerBatch, double contextMsPerBatch, double actOverheadMsPerBatch) {
    }

    public static HarnessWindowBenchmark of(String policy, String env, String runtime, String precision, int cores,
                                            int workers, int maxBatch, double warmupSeconds, double windowSeconds,
                                            List<Point> points) {
        Double speedup = null;
        for (Point p : points) {
            if (p.concurrency() == 1 && p.envStepsPerSecond() > 0 && !points.isEmpty()) {
                speedup = points.get(points.size() - 1).envStepsPerSecond() / p.envStepsPerSecond();
            }
        }
        return new HarnessWindowBenchmark(SCHEMA, VERSION, policy, env, runtime, precision, cores, workers, maxBatch,
                warmupSeconds, windowSeconds, List.copyOf(points), speedup);
    }
}
