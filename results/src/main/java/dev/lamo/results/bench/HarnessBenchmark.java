package dev.lamo.results.bench;

import dev.lamo.results.records.VersionedRecord;
import java.util.List;

/**
 * The record of {@code lamo bench harness --json FILE}: throughput of the harness at several concurrencies beside
 * the sequential reference pattern, measured in one run on one machine. Sections a mode did not measure are null.
 *
 * @param policy                   run directory of the policy
 * @param env                      environment id
 * @param cores                    available processors
 * @param torchThreads             intra-op threads of the policy's engine
 * @param physicsEnvStepsPerSecond physics alone on every core ({@code --env-only})
 * @param latency                  forward latency against batch size ({@code --policy-only})
 * @param sequentialEnvStepsPerSecond one episode at a time, batch-1 forward per step
 * @param harness                  end-to-end throughput per concurrency
 * @param speedup                  the last concurrency's throughput over the sequential pattern's
 */
public record HarnessBenchmark(String schema, int schemaVersion, String policy, String env, int cores, int torchThreads,
                               Double physicsEnvStepsPerSecond, List<Latency> latency, Double sequentialEnvStepsPerSecond,
                               List<Point> harness, Double speedup) implements VersionedRecord {

    public static final String SCHEMA = "lamo.bench_harness";
    public static final int VERSION = 1;

    /** Forward-pass latency at one batch size. */
    public record Latency(int batch, double medianMillis, double p99Millis, double actionsPerSecond) {
    }

    /** End-to-end throughput at one concurrency, with where the time went. */
    public record Point(int concurrency, double envStepsPerSecond, double meanBatchSize, double forwardMsP50,
                        double forwardSeconds, double physicsSeconds, double contextSeconds, double policyThreadIdleFraction) {
    }

    public static HarnessBenchmark of(String policy, String env, int cores, int torchThreads, Double physics,
                                      List<Latency> latency, Double sequential, List<Point> harness, Double speedup) {
        return new HarnessBenchmark(SCHEMA, VERSION, policy, env, cores, torchThreads, physics, latency, sequential, harness,
                speedup);
    }
}
