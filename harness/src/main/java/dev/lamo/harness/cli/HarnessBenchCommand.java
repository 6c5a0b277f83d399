package dev.lamo.harness.cli;

import dev.lamo.envs.Folders;
import dev.lamo.envs.EnvRegistry;
import dev.lamo.harness.bench.EnvStepThroughput;
import dev.lamo.harness.cluster.ClusterConfig;
import dev.lamo.harness.cluster.ClusterRoles;
import dev.lamo.harness.cluster.ClusterServices;
import dev.lamo.harness.cluster.MessageTimes;
import dev.lamo.harness.cluster.WireTraffic;
import dev.lamo.harness.bench.PolicyLatency;
import dev.lamo.harness.bench.SequentialEvaluation;
import dev.lamo.harness.eval.EvalPlan;
import dev.lamo.harness.eval.Evaluation;
import dev.lamo.policies.Policy;
import dev.lamo.policies.PolicyLoader;
import dev.lamo.policies.djl.DjlRuntime;
import dev.lamo.policies.runtime.PolicyRuntime;
import dev.lamo.policies.run.RunDirectory;
import dev.lamo.results.bench.HarnessBenchmark;
import dev.lamo.results.records.Records;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lamo bench harness}: end-to-end environment steps per second of the harness at several concurrencies,
 * and in the same run the sequential reference pattern; the speed-up is printed last.
 */
@Command(name = "harness", mixinStandardHelpOptions = true,
        description = "End-to-end harness throughput (env steps/s) at several concurrencies beside the sequential "
                + "pattern (one episode at a time, batch-1 forward per step); prints the speed-up last.")
final class HarnessBenchCommand implements Callable<Integer> {

    /**
     * Episodes queued per concurrent place in a window: enough for any window at any speed of a 1000-step task; at
     * low concurrency at least {@link WindowedHarnessBench#MIN_EPISODES} in all, for tasks whose episodes end early.
     */
    private static final int EPISODES_PER_PLACE = 64;

    @Spec
    CommandSpec spec;

    @Option(names = "--policy", description = "Run directory (or --seeded).")
    Path runDir;

    @Option(names = "--seeded", paramLabel = "MODEL", description = "Instead of a run: a model of the GPU check with weights "
            + "from --seed (lamo-gpt2-small: LaMo on a GPT-2-small-shaped backbone, hopper's shape), on the engine or the "
            + "gpu; with --window only.")
    String seeded;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the --seeded model's weights (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--env", description = "Environment (default: the run's).")
    String envId;

    @Option(names = "--concurrency", split = ",", defaultValue = "1,8,32,80", description = "Concurrent episodes (default: ${DEFAULT-VALUE}).")
    List<Integer> concurrency;

    @Option(names = "--sequential-episodes", defaultValue = "2", description = "Episodes of the sequential reference (default: ${DEFAULT-VALUE}).")
    int sequentialEpisodes;

    @Option(names = "--policy-only", description = "Only the forward latency and throughput against batch size.")
    boolean policyOnly;

    @Option(names = "--env-only", description = "Only the physics throughput.")
    boolean envOnly;

    @Option(names = "--cluster", paramLabel = "FILE", description = "Measure a cluster instead (this process coordinates; start "
            + "'lamo node policy|env' first): env steps/s, per-step message round trips and bytes per env step.")
    Path cluster;

    @Option(names = "--json", description = "Also write every figure to this JSON file (schema lamo.bench_harness; lamo plot "
            + "charts it); with several runtimes one file each, named FILE-RUNTIME.json.")
    Path jsonFile;

    @Option(names = "--runtime", split = ",", defaultValue = "auto",
            description = "Policy runtimes to measure one after the other: auto, engine, gpu, djl (default: ${DEFAULT-VALUE}).")
    List<String> runtimes;

    @Option(names = "--precision", defaultValue = "fp32", description = "GEMM precision of the gpu runtime: fp32, tf32 or bf16 "
            + "(default: ${DEFAULT-VALUE}).")
    String precision;

    @Option(names = "--policy-threads", defaultValue = "1", description = "Engine threads sharing a forward batch (default: "
            + "${DEFAULT-VALUE}).")
    int policyThreads;

    @Option(names = "--window", paramLabel = "SECONDS", description = "Time-box every point: run each concurrency for "
            + "--warmup seconds, then measure this many seconds and stop (concurrency 1 stands for the sequential pattern); "
            + "JSON schema lamo.bench_harness_window. Default: run each point's episodes to their end.")
    Double windowSeconds;

    @Option(names = "--warmup", paramLabel = "SECONDS", defaultValue = "3", description = "Unmeasured seconds before each "
            + "--window (default: ${DEFAULT-VALUE}).")
    double warmupSeconds;

    @Option(names = "--workers", description = "Environment worker threads (default: the available processors).")
    Integer workers;

    @Option(names = "--max-batch", defaultValue = "128", description = "Largest forward batch (default: ${DEFAULT-VALUE}).")
    int maxBatch;

    /** The runtime being measured, and the JSON file for it. */
    private PolicyRuntime runtime = PolicyRuntime.AUTO;
    private Path runtimeJson;

    @Override
    public Integer call() throws IOException {
        List<PolicyRuntime> chosen = new ArrayList<>();
        for (String r : runtimes) {
            chosen.add(RuntimeOptions.parse(r));
        }
        if (policyThreads < 1) {
            throw new BadInputException("--policy-threads must be >= 1, got " + policyThreads);
        }
        validate();
        RuntimeOptions.configureGpu(precision, chosen);
        for (PolicyRuntime r : chosen) {
            runtime = r;
            runtimeJson = jsonFile == null || chosen.size() == 1 ? jsonFile
                    : jsonFile.resolveSibling(jsonFile.getFileName().toString().replaceFirst("\\.json$", "") + "-" + r.id() + ".json");
            if (chosen.size() > 1) {
                spec.commandLine().getOut().printf("runtime %s%n", r.id());
            }
            measure();
            if (envOnly || cluster != null) {
                break;
            }
        }
        return 0;
    }

    /** Checks the options that do not need the run folder; a bad one fails in one line (exit 2). */
    void validate() {
        if ((runDir == null) == (seeded == null)) {
            throw new BadInputException("give one of --policy RUN or --seeded MODEL");
        }
        if (seeded != null && windowSeconds == null) {
            throw new BadInputException("--seeded needs --window (it measures time-boxed points only)");
        }
        for (int c : concurrency) {
            if (c < 1) {
                throw new BadInputException("--concurrency values must be >= 1, got " + c);
            }
        }
        if (workers != null && workers < 1) {
            throw new BadInputException("--workers must be >= 1, got " + workers);
        }
        if (maxBatch < 1) {
            throw new BadInputException("--max-batch must be >= 1, got " + maxBatch);
        }
        if (windowSeconds != null) {
            if (!(windowSeconds > 0) || windowSeconds.isInfinite()) {
                throw new BadInputException("--window must be a positive number of seconds, got " + windowSeconds);
            }
            if (!(warmupSeconds >= 0) || Double.isInfinite(warmupSeconds)) {
                throw new BadInputException("--warmup must be a number of seconds >= 0, got " + warmupSeconds);
            }
            if (policyOnly || envOnly || cluster != null) {
                throw new BadInputException("--window times the end-to-end harness; it does not combine with "
                        + (policyOnly ? "--policy-only" : envOnly ? "--env-only" : "--cluster"));
            }
        }
    }

    private Integer measure() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (seeded != null) {
            measureSeeded(out);
            return 0;
        }
        var config = RunDirectory.open(runDir).config();
        String env = envId != null ? envId : config.envId();
        int cores = Runtime.getRuntime().availableProcessors();
        int envWorkers = workers != null ? workers : cores;
        if (windowSeconds != null) {
            PolicyLoader.CheckpointRef ref = PolicyLoader.resolve(runDir, null);
            PolicyRuntime concrete = runtime.resolve(config);
            DjlRuntime.configure();
            boolean conditioned = PolicyLoader.isReturnConditioned(config.algorithm());
            Double target = conditioned ? EnvRegistry.spec(env).defaultTargets().get(0) : null;
            new WindowedHarnessBench(runDir, null, ref.step(), env, target, concrete, precisionOf(concrete), policyThreads,
                    envWorkers, maxBatch, seconds(warmupSeconds), seconds(windowSeconds), EPISODES_PER_PLACE)
                    .run(concurrency, out, runtimeJson);
            return 0;
        }
        DjlRuntime.configure();
        if (envOnly) {
            double[] rates = EnvStepThroughput.measure(env, cores, 3);
            double total = java.util.Arrays.stream(rates).sum();
            out.printf("physics only: %s, %d threads: %.0f env steps/s in total%n", env, cores, total);
            write(HarnessBenchmark.of(runDir.toString(), env, cores, DjlRuntime.threads(), total, null, null, null, null));
            return 0;
        }
        PolicyLoader.CheckpointRef ref = PolicyLoader.resolve(runDir, null);
        if (policyOnly) {
            List<HarnessBenchmark.Latency> rows = new ArrayList<>();
            try (Policy policy = runtime.load(ref, policyThreads)) {
                out.printf("%6s %12s %12s %14s%n", "batch", "median ms", "p99 ms", "actions/s");
                for (int b : concurrency) {
                    PolicyLatency.Measurement m = PolicyLatency.measure(policy, b, 3);
                    rows.add(new HarnessBenchmark.Latency(b, m.medianMillis(), m.p99Millis(), m.actionsPerSecond()));
                    out.printf("%6d %12.3f %12.3f %14.0f%n", b, m.medianMillis(), m.p99Millis(), m.actionsPerSecond());
                }
            }
            write(HarnessBenchmark.of(runDir.toString(), env, cores, DjlRuntime.threads(), null, rows, null, null, null));
            return 0;
        }
        boolean conditioned = dev.lamo.policies.PolicyLoader.isReturnConditioned(config.algorithm());
        Double target = conditioned ? EnvRegistry.spec(env).defaultTargets().get(0) : null;
        if (cluster != null) {
            clusterBench(out, ClusterConfig.read(cluster), env, ref.step(), target);
            return 0;
        }
        SequentialEvaluation.Result seq;
        try (Policy policy = runtime.load(ref, policyThreads)) {
            seq = SequentialEvaluation.run(policy, env, target == null ? 0 : target, sequentialEpisodes, 1);
        }
        out.printf("sequential pattern: %.0f env steps/s (%d steps, batch-1 forward per step)%n", seq.stepsPerSecond(),
                seq.steps());
        out.printf("%11s %14s %9s %10s %10s %10s %10s %10s%n", "concurrency", "env steps/s", "batch", "fwd p50", "forward s",
                "physics s", "context s", "idle");
        List<HarnessBenchmark.Point> rows = new ArrayList<>();
        for (int c : concurrency) {
            Path tmp = Files.createTempDirectory("lamo-bench-harness");
            try {
                EvalPlan plan = new EvalPlan(runDir, List.of(ref.step()), env, java.util.Collections.singletonList(target), c,
                        1, envWorkers, maxBatch, 0, 600_000, tmp, false, runtime, policyThreads);
                Map<String, Object> t = Evaluation.run(plan, n -> { }).throughput();
                HarnessBenchmark.Point p = new HarnessBenchmark.Point(c, number(t, "env_steps_per_second"),
                        number(t, "mean_batch_size"), number(t, "forward_ms_p50"), number(t, "forward_seconds"),
                        number(t, "physics_seconds"), number(t, "context_seconds"), number(t, "policy_thread_idle_fraction"));
                rows.add(p);
                out.printf("%11d %14.0f %9.1f %8.2fms %10.1f %10.1f %10.1f %9.0f%%%n", c, p.envStepsPerSecond(),
                        p.meanBatchSize(), p.forwardMsP50(), p.forwardSeconds(), p.physicsSeconds(), p.contextSeconds(),
                        100 * p.policyThreadIdleFraction());
            } finally {
                Folders.deleteRecursively(tmp);
            }
        }
        double speedup = rows.get(rows.size() - 1).envStepsPerSecond() / seq.stepsPerSecond();
        out.printf("speed-up at concurrency %d over the sequential pattern: %.2fx%n", concurrency.get(concurrency.size() - 1),
                speedup);
        write(HarnessBenchmark.of(runDir.toString(), env, cores, DjlRuntime.threads(), null, null, seq.stepsPerSecond(), rows,
                speedup));
        return 0;
    }

    /**
     * One evaluation per concurrency on the cluster: throughput, the coordinator's round trips per environment step
     * and per policy batch, and the bytes its event bus moved per environment step (frames with headers, both ways).
     */
    private void clusterBench(PrintWriter out, ClusterConfig config, String env, long step, Double target) throws IOException {
        out.printf("%11s %14s %9s %13s %13s %13s %13s %12s%n", "concurrency", "env steps/s", "batch", "env rtt p50",
                "env rtt p99", "policy p50", "policy p99", "bytes/step");
        for (int c : concurrency) {
            Path tmp = Files.createTempDirectory("lamo-bench-cluster");
            try {
                ClusterServices services = ClusterRoles.coordinator(config);
                EvalPlan plan = new EvalPlan(runDir, List.of(step), env, java.util.Collections.singletonList(target), c, 1, 1,
                        128, 0, 600_000, tmp, false);
                Map<String, Object> t = Evaluation.run(plan, services, n -> { }).throughput();
                WireTraffic traffic = services.traffic();
                MessageTimes times = services.times();
                out.printf("%11d %14.0f %9.1f %11.3fms %11.3fms %11.3fms %11.3fms %12.0f%n", c,
                        number(t, "env_steps_per_second"), number(t, "mean_batch_size"), times.environmentMillis(0.5),
                        times.environmentMillis(0.99), times.policyMillis(0.5), times.policyMillis(0.99),
                        (traffic.bytesWritten() + traffic.bytesRead()) / number(t, "env_steps"));
            } finally {
                Folders.deleteRecursively(tmp);
            }
        }
    }

    /** A seeded model of the GPU check in time-boxed points (hopper's shape unless --env says otherwise). */
    private void measureSeeded(PrintWriter out) throws IOException {
        SeededPolicies policies = SeededPolicies.of(seeded, seed, runtime, policyThreads);
        String env = envId != null ? envId : "hopper";
        policies.checkFits(env);
        Double target = EnvRegistry.spec(env).defaultTargets().get(0);
        int envWorkers = workers != null ? workers : Runtime.getRuntime().availableProcessors();
        new WindowedHarnessBench(Path.of(seeded + "@seed" + seed), policies.factory(), 0, env, target, policies.runtime(),
                precisionOf(policies.runtime()), policyThreads, envWorkers, maxBatch, seconds(warmupSeconds),
                seconds(windowSeconds), EPISODES_PER_PLACE).run(concurrency, out, runtimeJson);
    }

    private String precisionOf(PolicyRuntime concrete) {
        return concrete == PolicyRuntime.GPU ? precision : null;
    }

    private static java.time.Duration seconds(double s) {
        return java.time.Duration.ofNanos(Math.round(s * 1e9));
    }

    private static double number(Map<String, Object> throughput, String key) {
        return ((Number) throughput.get(key)).doubleValue();
    }

    private void write(HarnessBenchmark record) {
        if (runtimeJson != null) {
            Records.write(runtimeJson, record);
        }
    }
}
