package dev.lamo.harness.cli;

import dev.lamo.envs.EnvRegistry;
import dev.lamo.envs.EnvSpec;
import dev.lamo.harness.cluster.ClusterConfig;
import dev.lamo.harness.cluster.ClusterRoles;
import dev.lamo.harness.eval.EvalPlan;
import dev.lamo.harness.eval.Evaluation;
import dev.lamo.policies.djl.DjlRuntime;
import dev.lamo.policies.run.RunDirectory;
import dev.lamo.results.records.EvaluationSummary;
import dev.lamo.results.records.JobStatus;
import dev.lamo.results.records.RunConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lamo eval}: closed-loop evaluation of a run's checkpoints with the Vert.x harness. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate checkpoints of a run in many environments at once: every (target, episode) runs "
                + "concurrently, observations are batched onto the policy, results are bit-identical for any worker count.")
final class EvalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    RuntimeOptions runtimeOptions;

    @Option(names = "--policy", description = "Run directory (required unless --status).")
    Path runDir;

    @Option(names = "--checkpoints", defaultValue = "last", description = "last, all, or steps STEP,... (default: ${DEFAULT-VALUE}).")
    String checkpoints;

    @Option(names = "--env", description = "Environment (default: the run's).")
    String envId;

    @Option(names = "--targets", description = "Return targets: comma-separated values, 'default' (LaMo's code) or 'paper' "
            + "(LaMo's paper). Default: the environment's default list.")
    String targets;

    @Option(names = "--episodes", defaultValue = "20", description = "Episodes per checkpoint and target (default: ${DEFAULT-VALUE}).")
    int episodes;

    @Option(names = "--seed", defaultValue = "0", description = "Evaluation seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--workers", description = "Environment workers (default: the number of cores).")
    Integer workers;

    @Option(names = "--max-batch", defaultValue = "128", description = "Largest forward batch (default: ${DEFAULT-VALUE}).")
    int maxBatch;

    @Option(names = "--concurrency", defaultValue = "0", description = "Episodes running at once (default: all).")
    int concurrency;

    @Option(names = "--timeout-ms", defaultValue = "60000", description = "A request slower than this fails its episodes (default: ${DEFAULT-VALUE}).")
    long timeoutMillis;

    @Option(names = "--out", description = "Output folder (episodes.jsonl, summary.json, status.json; required unless --status).")
    Path out;

    @Option(names = "--resume", description = "Keep the episodes already in --out and run only the missing ones.")
    boolean resume;

    @Option(names = "--cluster", paramLabel = "FILE", description = "Cluster file: this process coordinates (seeds, batches, "
            + "records) and nodes started with 'lamo node policy|env' do the work; --workers is then theirs.")
    Path cluster;

    @Option(names = "--status", paramLabel = "DIR", description = "Print the status of the evaluation in DIR (running, "
            + "finished, failed, or interrupted when its status.json is older than 60 s) and exit.")
    Path status;

    @Override
    public Integer call() {
        if (status != null) {
            JobStatusReport.print(spec.commandLine().getOut(), status, java.time.Instant.now(), JobStatus.STALE_AFTER);
            return 0;
        }
        if (runDir == null || out == null) {
            throw new BadInputException("--policy and --out are required (or --status DIR)");
        }
        DjlRuntime.configure();
        RunDirectory run = RunDirectory.open(runDir);
        RunConfig config = run.config();
        String env = envId != null ? envId : config.envId();
        EnvSpec envSpec = EnvRegistry.spec(env);
        List<Long> steps = checkpointSteps(run);
        boolean conditioned = dev.lamo.policies.PolicyLoader.isReturnConditioned(config.algorithm());
        List<Double> targetList = conditioned ? targets(envSpec) : java.util.Collections.singletonList(null);
        int w = workers != null ? workers : Runtime.getRuntime().availableProcessors();
        EvalPlan plan = new EvalPlan(runDir, steps, env, targetList, episodes, seed, w, maxBatch, concurrency, timeoutMillis,
                out, resume, runtimeOptions.runtime(cluster == null), runtimeOptions.policyThreads());
        int total = steps.size() * targetList.size() * episodes;
        Progress bar = new Progress(spec.commandLine().getErr(), "eval", total);
        long start = System.nanoTime();
        java.util.function.IntConsumer progress = done -> bar.update(done, rate(done, (System.nanoTime() - start) / 1e9));
        Evaluation.Outcome outcome = cluster == null ? Evaluation.run(plan, progress)
                : Evaluation.run(plan, ClusterRoles.coordinator(ClusterConfig.read(cluster)), progress);
        print(spec.commandLine().getOut(), outcome);
        return 0;
    }

    /** Episodes per second, or seconds per episode when episodes are slow (long pixel games on a CPU). */
    static String rate(int done, double seconds) {
        double perSecond = done / seconds;
        return perSecond >= 1 ? String.format("%.0f episodes/s", perSecond) : String.format("%.1f s/episode", seconds / done);
    }

    static void print(PrintWriter out, Evaluation.Outcome outcome) {
        out.printf("%10s %10s %9s %9s %12s %10s %10s%n", "checkpoint", "target", "episodes", "failures", "return", "score",
                "score std");
        for (EvaluationSummary.TargetResult r : outcome.summary().results()) {
            out.printf("%10d %10s %9d %9d %12.2f %10.2f %10.2f%n", r.checkpointStep(),
                    r.target() == null ? "-" : String.format("%.0f", r.target()), r.episodes(), r.failures(), r.returnMean(),
                    r.normalizedMean(), r.normalizedStd());
        }
        var t = outcome.throughput();
        out.printf("throughput: %.0f env steps/s, %s forwards, mean batch %.1f, forward p50 %.2f ms p99 %.2f ms%n",
                t.get("env_steps_per_second"), t.get("forwards"), t.get("mean_batch_size"), t.get("forward_ms_p50"),
                t.get("forward_ms_p99"));
    }

    private List<Long> checkpointSteps(RunDirectory run) {
        List<Long> available = run.checkpointSteps();
        if (available.isEmpty()) {
            throw new BadInputException(runDir + ": the run has no checkpoint yet");
        }
        if (checkpoints.equals("last")) {
            return List.of(available.get(available.size() - 1));
        }
        if (checkpoints.equals("all")) {
            return available;
        }
        List<Long> steps = new ArrayList<>();
        for (String part : checkpoints.split(",")) {
            long s;
            try {
                s = Long.parseLong(part.strip());
            } catch (NumberFormatException e) {
                throw new BadInputException("--checkpoints: expected last, all or step numbers, found '" + part + "'");
            }
            if (!available.contains(s)) {
                throw new BadInputException("--checkpoints: no checkpoint at step " + s + "; available: " + available);
            }
            steps.add(s);
        }
        return steps;
    }

    private List<Double> targets(EnvSpec envSpec) {
        if (targets == null || targets.equals("default")) {
            return envSpec.defaultTargets();
        }
        if (targets.equals("paper")) {
            return envSpec.paperTargets();
        }
        try {
            return Arrays.stream(targets.split(",")).map(String::strip).map(Double::parseDouble).toList();
        } catch (NumberFormatException e) {
            throw new BadInputException("--targets: expected numbers, 'default' or 'paper', found '" + targets + "'");
        }
    }
}
