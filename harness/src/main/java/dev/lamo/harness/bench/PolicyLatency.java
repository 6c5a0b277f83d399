package dev.lamo.harness.bench;

import dev.lamo.envs.Seeds;
import dev.lamo.policies.Policy;
import dev.lamo.policies.PolicyBatch;
import dev.lamo.results.stats.Descriptive;
import java.util.random.RandomGenerator;

/** Forward latency of a policy against batch size, on full-length random contexts. */
public final class PolicyLatency {

    /**
     * Median and 99th-percentile latency of one batched call, actions per second, and the bytes the calling thread
     * allocated per call in the timed calls (after a warm-up of a third of the time, at most a second), and the
     * median CPU time of the calling thread per call (on a shared machine the wall time also counts the time the
     * thread waited for a core; computations on other threads are not in it).
     */
    public record Measurement(int batch, double medianMillis, double p99Millis, double actionsPerSecond, int calls,
                              double bytesPerCall, double medianCpuMillis) {
    }

    private PolicyLatency() {
    }

    public static Measurement measure(Policy policy, int batchSize, double seconds) {
        int k = policy.info().contextLength();
        int s = policy.info().observationSize();
        int a = policy.info().actionSize();
        PolicyBatch batch = new PolicyBatch(batchSize, k, s, a);
        batch.setSize(batchSize);
        RandomGenerator r = Seeds.rng(batchSize);
        for (int i = 0; i < batch.states().length; i++) {
            batch.states()[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < batch.actions().length; i++) {
            batch.actions()[i] = (float) r.nextGaussian();
        }
        for (int row = 0; row < batchSize; row++) {
            batch.lengths()[row] = k;
            for (int p = 0; p < k; p++) {
                batch.returnsToGo()[row * k + p] = (float) (100 * r.nextDouble());
                batch.timesteps()[row * k + p] = 50 + p;
            }
        }
        float[] out = new float[batchSize * a];
        long warm = System.nanoTime() + (long) (Math.min(1, seconds / 3) * 1e9);
        for (int i = 0; i < 3 || System.nanoTime() < warm; i++) {
            policy.act(batch, out);
        }
        double[] times = new double[100_000];
        double[] cpu = new double[100_000];
        int n = 0;
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        long allocatedBefore = mx.getThreadAllocatedBytes(thread);
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while ((System.nanoTime() < end || n < 5) && n < times.length) {
            long c0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            policy.act(batch, out);
            times[n] = (System.nanoTime() - t0) / 1e6;
            cpu[n++] = (mx.getCurrentThreadCpuTime() - c0) / 1e6;
        }
        long allocated = mx.getThreadAllocatedBytes(thread) - allocatedBefore;
        double[] used = java.util.Arrays.copyOf(times, n);
        double median = Descriptive.median(used);
        return new Measurement(batchSize, median, Descriptive.quantile(used, 0.99), batchSize / (median / 1000), n,
                allocated / (double) n, Descriptive.median(java.util.Arrays.copyOf(cpu, n)));
    }
}
