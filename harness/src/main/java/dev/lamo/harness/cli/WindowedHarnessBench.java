package dev.lamo.harness.cli;

import dev.lamo.envs.Folders;
import dev.lamo.harness.eval.EvalPlan;
import dev.lamo.harness.eval.Evaluation;
import dev.lamo.harness.eval.ThroughputWindow;
import dev.lamo.policies.runtime.PolicyRuntime;
import dev.lamo.results.bench.HarnessWindowBenchmark;
import dev.lamo.results.records.Records;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code lamo bench harness --window SECONDS}: one time-boxed point per concurrency (warm-up, then a measured
 * window), each printed as soon as it is measured and the JSON rewritten after each, so a run cut short keeps
 * the points it finished.
 *
 * @param policy          what is measured: the run folder, or the seeded model's name (then {@code policies} gives it)
 * @param policies        where the policy comes from; null: the run's checkpoint on {@code runtime}
 * @param precision       the gpu runtime's precision (null on other runtimes)
 * @param episodesPerSlot episodes queued per concurrent place, so that the concurrency stays filled for the whole time
 */
record WindowedHarnessBench(Path policy, Evaluation.PolicyFactory policies, long checkpointStep, String env, Double target,
                            PolicyRuntime runtime, String precision, int policyThreads, int workers, int maxBatch,
                            Duration warmup, Duration window, int episodesPerSlot) {

    /** Episodes queued for a point at least: hopper's episodes under a poor policy end within tens of steps. */
    static final int MIN_EPISODES = 65_536;

    /** Runs the points in order; {@code json} (nullable) holds every point finished so far. */
    void run(List<Integer> concurrencies, PrintWriter out, Path json) throws IOException {
        int cores = Runtime.getRuntime().availableProcessors();
        out.printf("%s on %s, runtime %s%s, %d workers, max batch %d, windows of %.1f s after %.1f s warm-up%n", policy, env,
                runtime.id(), precision == null ? "" : " " + precision, workers, maxBatch, seconds(window), seconds(warmup));
        out.printf("%11s %12s %9s %8s %8s %8s %10s %10s %10s%n", "concurrency", "env steps/s", "batch", "forward",
                "context", "physics", "fwd ms/b", "ctx ms/b", "wait ms/b");
        out.flush();
        List<HarnessWindowBenchmark.Point> points = new ArrayList<>();
        for (int c : concurrencies) {
            HarnessWindowBenchmark.Point p = point(measure(c));
            points.add(p);
            out.printf("%11d %12.0f %9.1f %7.1f%% %7.1f%% %7.1f%% %10.3f %10.3f %10.3f%n", c, p.envStepsPerSecond(),
                    p.meanBatchSize(), 100 * p.forwardFraction(), 100 * p.contextFraction(), 100 * p.physicsFraction(),
                    p.forwardMsPerBatch(), p.contextMsPerBatch(), p.actOverheadMsPerBatch());
            out.flush();
            if (json != null) {
                Records.write(json, record(cores, points));
            }
        }
        HarnessWindowBenchmark done = record(cores, points);
        if (done.speedup() != null) {
            out.printf("speed-up at concurrency %d over concurrency 1: %.2fx%n", concurrencies.get(concurrencies.size() - 1),
                    done.speedup());
        }
    }

    private ThroughputWindow.Result measure(int concurrency) throws IOException {
        Path tmp = Files.createTempDirectory("lamo-bench-window");
        try {
            long episodes = Math.max(MIN_EPISODES, (long) concurrency * episodesPerSlot);
            EvalPlan plan = new EvalPlan(policy, List.of(checkpointStep), env, Collections.singletonList(target),
                    (int) Math.min(Integer.MAX_VALUE, episodes), 1, workers, maxBatch, concurrency, 600_000, tmp, false,
                    runtime, policyThreads);
            return ThroughputWindow.measure(plan, policies, warmup, window);
        } finally {
            Folders.deleteRecursively(tmp);
        }
    }

    static HarnessWindowBenchmark.Point point(ThroughputWindow.Result r) {
        return new HarnessWindowBenchmark.Point(r.concurrency(), r.seconds(), r.envSteps(), r.envStepsPerSecond(),
                r.forwards(), r.meanBatchSize(), r.forwardFraction(), r.contextFraction(), r.physicsFraction(),
                r.forwardMillisPerBatch(), r.contextMillisPerBatch(), r.actOverheadMillisPerBatch());
    }

    private HarnessWindowBenchmark record(int cores, List<HarnessWindowBenchmark.Point> points) {
        return HarnessWindowBenchmark.of(policy.toString(), env, runtime.id(), precision, cores, workers, maxBatch,
                seconds(warmup), seconds(window), points);
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
