package dev.lamo.harness.eval;

import dev.lamo.envs.EnvRegistry;
import dev.lamo.envs.EnvSpec;
import dev.lamo.harness.status.StatusHeartbeat;
import dev.lamo.policies.Policy;
import dev.lamo.policies.PolicyInfo;
import dev.lamo.policies.PolicyLoader;
import dev.lamo.policies.runtime.PolicyRuntime;
import dev.lamo.policies.run.RunDirectory;
import dev.lamo.results.records.EvaluationSummary;
import dev.lamo.results.records.JobStatus;
import dev.lamo.results.records.Records;
import dev.lamo.results.records.RunConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * A closed-loop evaluation of a training run's checkpoints with the Vert.x harness: environment workers,
 * the policy service and the coordinator. Data flows one way: the recorder reads {@code episodes.jsonl} once,
 * each checkpoint's missing episodes become one coordinator plan, finished episodes go to the recorder (appended
 * as they finish), and {@code summary.json} is built at the end from what the recorder holds. {@code status.json}
 * beats while it runs.
 */
public final class Evaluation {

    /** The summary, and the throughput figures of this process. */
    public record Outcome(EvaluationSummary summary, Map<String, Object> throughput) {
    }

    private Evaluation() {
    }

    /**
     * Loads the policy of one checkpoint (the CPU backend by default; a GPU-hosted backend can replace it). The one
     * place where an evaluation's policy comes from: local services and the cluster's policy node both call it.
     */
    @FunctionalInterface
    public interface PolicyFactory {
        Policy load(Path runDir, long step);
    }

    /** Policies from the run's checkpoints on DJL. */
    /** Policies from the run's checkpoints on a runtime: the policy service's one loader call. */
    public static PolicyFactory checkpoints(PolicyRuntime runtime, int threads) {
        return (runDir, step) -> runtime.load(PolicyLoader.resolve(runDir, step), threads);
    }

    public static Outcome run(EvalPlan plan, IntConsumer onEpisode) {
        EvalPlan settled = RuntimeMarker.settle(plan);
        return runSettled(settled, new LocalServices(settled.workers(),
                checkpoints(settled.runtime(), settled.policyThreads())), onEpisode);
    }

    /**
     * @param onEpisode called with the number of episodes finished so far (including resumed ones)
     */
    public static Outcome run(EvalPlan plan, PolicyFactory policies, IntConsumer onEpisode) {
        return run(plan, new LocalServices(plan.workers(), policies), onEpisode);
    }

    /**
     * Runs the plan with the policy and environments of {@code services} (closed at the end), this process being
     * the coordinator: seeds, batch formation and the recorder stay here, so the results do not depend on where
     * the services run.
     *
     * @throws EvaluationStoppedException when the services cannot go on; finished episodes stay recorded
     */
    public static Outcome run(EvalPlan requested, EvaluationServices services, IntConsumer onEpisode) {
        return runSettled(RuntimeMarker.settle(requested), services, onEpisode);
    }

    /** Runs a plan whose runtime is settled (the one a resumed evaluation started with). */
    private static Outcome runSettled(EvalPlan plan, EvaluationServices services, IntConsumer onEpisode) {
        EnvSpec spec;
        RunConfig config;
        EpisodeRecorder recorder;
        try {
            spec = EnvRegistry.spec(plan.envId());
            config = RunDirectory.open(plan.runDir()).config();
            if (!config.envId().equals(plan.envId())) {
                throw new IllegalArgumentException(plan.runDir() + " was trained in " + config.envId() + ", not " + plan.envId());
            }
            recorder = EpisodeRecorder.open(plan, onEpisode);
        } catch (RuntimeException e) {
            services.close();
            throw e;
        }
        ThroughputMeter meter = new ThroughputMeter();
        long total = (long) plan.checkpoints().size() * plan.targets().size() * plan.episodes();
        try (services; recorder; StatusHeartbeat status = StatusHeartbeat.start(plan.out(), "evaluation", "episodes",
                new Beat(recorder, total, meter))) {
            try {
                PolicyInfo info = runCheckpoints(plan, spec, services, recorder, meter);
                Map<String, Object> throughput = meter.totals();
                Shape shape = info != null ? new Shape(info.contextLength(), info.returnScale()) : previousShape(plan);
                EvaluationSummary summary = EvaluationSummaries.of(plan, spec, config, shape.contextLength(),
                        shape.returnScale(), recorder.records(), throughput);
                Records.write(plan.out().resolve("summary.json"), summary);
                status.finished();
                return new Outcome(summary, throughput);
            } catch (RuntimeException | Error e) {
                status.failed(e.getMessage());
                throw e;
            }
        }
    }

    /** Runs each checkpoint's unrecorded episodes; the policy info of the last checkpoint run (null if none ran). */
    private static PolicyInfo runCheckpoints(EvalPlan plan, EnvSpec spec, EvaluationServices services,
                                             EpisodeRecorder recorder, ThroughputMeter meter) {
        PolicyInfo info = null;
        int slot = 0;
        for (long step : plan.checkpoints()) {
            List<EvaluationCoordinator.Slot> slots = new ArrayList<>();
            for (Double target : plan.targets()) {
                for (int i = 0; i < plan.episodes(); i++) {
                    EpisodeKey key = new EpisodeKey(step, target, i);
                    if (!recorder.has(key)) {
                        slots.add(new EvaluationCoordinator.Slot(slot++, key, key.envSeed(plan.seed())));
                    }
                }
            }
            if (slots.isEmpty()) {
                continue;
            }
            try (EvaluationServices.Checkpoint checkpoint = services.open(plan.runDir(), step, plan.envId(),
                    Duration.ofMillis(plan.timeoutMillis()))) {
                info = checkpoint.policyInfo();
                checkTargets(info, plan);
                new EvaluationCoordinator(checkpoint, new EvaluationCoordinator.Plan(spec, slots, plan.maxBatch(),
                        plan.concurrency()), recorder, meter).run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("evaluation interrupted", e);
            }
        }
        return info;
    }

    /** What the summary's protocol reports of the policy. */
    private record Shape(int contextLength, double returnScale) {
    }

    /**
     * The policy's shape as the folder's earlier summary recorded it, for a resumed evaluation that had nothing left
     * to run (no policy was loaded to ask); context 1 and scale 1 when there is no earlier summary.
     */
    private static Shape previousShape(EvalPlan plan) {
        Path file = plan.out().resolve("summary.json");
        if (!Files.exists(file)) {
            return new Shape(1, 1.0);
        }
        EvaluationSummary.Protocol p = Records.read(file, EvaluationSummary.class, EvaluationSummary.SCHEMA,
                EvaluationSummary.VERSION).protocol();
        return new Shape(p.contextLength(), p.returnScale());
    }

    private static void checkTargets(PolicyInfo info, EvalPlan plan) {
        boolean conditioned = info.returnConditioned();
        boolean hasTargets = plan.targets().stream().anyMatch(Objects::nonNull);
        if (conditioned != hasTargets) {
            throw new IllegalArgumentException(info.algorithm() + (conditioned
                    ? " is return-conditioned and needs return targets" : " takes no return targets"));
        }
    }

    /** What an evaluation's status.json reports: this plan's episodes recorded, and the live throughput. */
    private record Beat(EpisodeRecorder recorder, long total, ThroughputMeter meter) implements StatusHeartbeat.Source {

        @Override
        public long done() {
            return recorder.plannedDone();
        }

        @Override
        public JobStatus.Throughput throughput() {
            return meter.window();
        }
    }
}
