package dev.lamo.harness.eval;

import dev.lamo.envs.EnvRegistry;
import dev.lamo.policies.run.CheckpointEvent;
import dev.lamo.policies.run.CheckpointListener;
import java.nio.file.Path;
import dev.lamo.policies.runtime.PolicyRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Evaluation during training: subscribed to a trainer's checkpoint events, it evaluates every checkpoint whose
 * step is a multiple of {@code every} (and the last) with the harness, right after it is written, appending to
 * {@code RUN_DIR/eval/episodes.jsonl} and rewriting {@code RUN_DIR/eval/summary.json} over all evaluated
 * checkpoints. The curve is what paper tables average over (the last 20 % of training).
 */
public final class EvaluateCheckpoints implements CheckpointListener {

    public static final String FOLDER = "eval";

    private final long every;
    private final long totalSteps;
    private final int episodes;
    private final List<Double> targets;
    private final long seed;
    private final int workers;
    private final int maxBatch;
    private final PolicyRuntime runtime;
    private final int policyThreads;
    private final Consumer<Evaluation.Outcome> report;
    private final List<Long> evaluated = new ArrayList<>();

    /**
     * @param targets return targets, or null for the environment's defaults (for return-conditioned policies)
     */
    public EvaluateCheckpoints(long every, long totalSteps, int episodes, List<Double> targets, long seed, int workers,
                               int maxBatch, PolicyRuntime runtime, int policyThreads,
                               Consumer<Evaluation.Outcome> report) {
        this.runtime = runtime;
        this.policyThreads = policyThreads;
        this.every = every;
        this.totalSteps = totalSteps;
        this.episodes = episodes;
        this.targets = targets;
        this.seed = seed;
        this.workers = workers;
        this.maxBatch = maxBatch;
        this.report = report;
    }

    @Override
    public void onCheckpoint(CheckpointEvent event) {
        if (event.step() % every != 0 && event.step() != totalSteps) {
            return;
        }
        evaluated.add(event.step());
        EvalPlan plan = plan(event.runDir(), evaluated, episodes, targets, seed, workers, maxBatch);
        report.accept(Evaluation.run(new EvalPlan(plan.runDir(), plan.checkpoints(), plan.envId(), plan.targets(),
                plan.episodes(), plan.seed(), plan.workers(), plan.maxBatch(), plan.concurrency(), plan.timeoutMillis(),
                plan.out(), plan.resume(), runtime, policyThreads), n -> { }));
    }

    /**
     * The evaluation of a run's checkpoints into {@code RUN_DIR/eval}, resuming what is recorded there: the
     * environment's default targets for return-conditioned policies (or {@code targets}), no target otherwise.
     */
    public static EvalPlan plan(Path run, List<Long> checkpoints, int episodes, List<Double> targets, long seed, int workers,
                                int maxBatch) {
        var config = dev.lamo.policies.run.RunDirectory.open(run).config();
        boolean conditioned = dev.lamo.policies.PolicyLoader.isReturnConditioned(config.algorithm());
        List<Double> t = conditioned ? (targets != null ? targets : EnvRegistry.spec(config.envId()).defaultTargets())
                : java.util.Collections.singletonList(null);
        return new EvalPlan(run, List.copyOf(checkpoints), config.envId(), t, episodes, seed, workers, maxBatch, 0, 600_000,
                run.resolve(FOLDER), true);
    }
}
