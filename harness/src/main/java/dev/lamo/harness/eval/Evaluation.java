package dev.lamo.harness.eval;

import dev.lamo.envs.EnvRegistry;
import dev.lamo.envs.EnvSpec;
import dev.lamo.policies.Policy;
import dev.lamo.policies.PolicyInfo;
import dev.lamo.policies.PolicyLoader;
import dev.lamo.policies.run.RunDirectory;
import dev.lamo.results.records.EpisodeRecord;
import dev.lamo.results.records.EvaluationSummary;
import dev.lamo.results.records.Records;
import dev.lamo.results.records.RunConfig;
import dev.lamo.results.stats.Descriptive;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * A closed-loop evaluation of a training run's checkpoints with the Vert.x harness: environment workers,
 * the policy service and the coordinator in one process. Writes {@code episodes.jsonl} as episodes finish and
 * {@code summary.json} at the end.
 */
public final class Evaluation {

    /** The summary, and the throughput figures of this process. */
    public record Outcome(EvaluationSummary summary, Map<String, Object> throughput) {
    }

    private Evaluation() {
    }

    /** Loads the policy of one checkpoint (the CPU backend by default; a GPU-hosted backend can replace it). */
    @FunctionalInterface
    public interface PolicyFactory {
        Policy load(Path runDir, long step);
    }

    /** Policies from the run's checkpoints. */
    public static final PolicyFactory CHECKPOINTS = (runDir, step) -> PolicyLoader.load(PolicyLoader.resolve(runDir, step));

    public static Outcome run(EvalPlan plan, IntConsumer onEpisode) {
        return run(plan, CHECKPOINTS, onEpisode);
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
    public static Outcome run(EvalPlan plan, EvaluationServices services, IntConsumer onEpisode) {
        EnvSpec spec;
        RunConfig config;
        List<EpisodeRecord> done;
        try {
            spec = EnvRegistry.spec(plan.envId());
            config = RunDirectory.open(plan.runDir()).config();
            if (!config.envId().equals(plan.envId())) {
                throw new IllegalArgumentException(plan.runDir() + " was trained in " + config.envId() + ", not " + plan.envId());
            }
            done = plan.resume() ? EpisodeLog.readAll(plan.out()) : List.of();
            if (!plan.resume() && !EpisodeLog.readAll(plan.out()).isEmpty()) {
                throw new IllegalArgumentException(plan.out() + " already holds episodes; use --resume or another --out");
            }
        } catch (RuntimeException e) {
            services.close();
            throw e;
        }
        // keys already in episodes.jsonl: a record is appended only if its key is not there yet (exactly once)
        Set<String> finished = new HashSet<>();
        for (EpisodeRecord r : done) {
            finished.add(key(r.checkpointStep(), r.target(), r.index()));
        }
        // progress counts this plan's episodes only; the folder may also hold other checkpoints' or targets'
        int[] count = {(int) done.stream().filter(r -> plan.checkpoints().contains(r.checkpointStep())
                && plan.targets().contains(r.target()) && r.index() < plan.episodes()).count()};
        EvaluationCoordinator.Counters counters = new EvaluationCoordinator.Counters();
        long start = System.nanoTime();
        int contextLength = 1;
        try (services; EpisodeLog log = EpisodeLog.append(plan.out())) {
            int slot = 0;
            for (long step : plan.checkpoints()) {
                List<EvaluationCoordinator.Slot> slots = new ArrayList<>();
                for (Double target : plan.targets()) {
                    for (int i = 0; i < plan.episodes(); i++) {
                        if (!finished.contains(key(step, target, i))) {
                            slots.add(new EvaluationCoordinator.Slot(slot++, step, target, i,
                                    EvaluationCoordinator.envSeed(plan.seed(), target, i)));
                        }
                    }
                }
                if (slots.isEmpty()) {
                    continue;
                }
                try (EvaluationServices.Checkpoint checkpoint = services.open(plan.runDir(), step, plan.envId(), plan.workers())) {
                    contextLength = checkpoint.policyInfo().contextLength();
                    checkTargets(checkpoint.policyInfo(), plan);
                    new EvaluationCoordinator(services.vertx(), checkpoint, spec, plan.maxBatch(), plan.concurrency(),
                            plan.timeoutMillis(), log, finished, counters, () -> onEpisode.accept(++count[0])).run(slots);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("evaluation interrupted", e);
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> throughput = throughput(counters, seconds);
        EvaluationSummary summary = summarize(plan, spec, config, contextLength, EpisodeLog.readAll(plan.out()), throughput);
        Records.write(plan.out().resolve("summary.json"), summary);
        return new Outcome(summary, throughput);
    }

    private static void checkTargets(PolicyInfo info, EvalPlan plan) {
        boolean conditioned = info.returnConditioned();
        boolean hasTargets = plan.targets().stream().anyMatch(Objects::nonNull);
        if (conditioned != hasTargets) {
            throw new IllegalArgumentException(info.algorithm() + (conditioned
                    ? " is return-conditioned and needs return targets" : " takes no return targets"));
        }
    }

    static String key(long step, Double target, int index) {
        return step + "/" + target + "/" + index;
    }

    private static Map<String, Object> throughput(EvaluationCoordinator.Counters c, double seconds) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("wall_seconds", seconds);
        t.put("env_steps", c.envSteps);
        t.put("env_steps_per_second", c.envSteps / seconds);
        t.put("forwards", c.forwards);
        t.put("mean_batch_size", c.forwards == 0 ? 0 : (double) c.batchRows / c.forwards);
        double[] ms = c.forwardNanos.stream().mapToDouble(n -> n / 1e6).toArray();
        t.put("forward_ms_p50", ms.length == 0 ? 0 : Descriptive.quantile(ms, 0.5));
        t.put("forward_ms_p99", ms.length == 0 ? 0 : Descriptive.quantile(ms, 0.99));
        double forwardSeconds = c.forwardNanos.stream().mapToLong(Long::longValue).sum() / 1e9;
        t.put("forward_seconds", forwardSeconds);
        t.put("physics_seconds", c.physicsNanos / 1e9);
        t.put("context_seconds", c.contextNanos / 1e9);
        t.put("policy_thread_idle_fraction", Math.max(0, 1 - (forwardSeconds + c.contextNanos / 1e9) / seconds));
        return t;
    }

    static EvaluationSummary summarize(EvalPlan plan, EnvSpec spec, RunConfig config, int contextLength,
                                       List<EpisodeRecord> records, Map<String, Object> throughput) {
        Map<String, List<EpisodeRecord>> groups = new LinkedHashMap<>();
        for (long step : plan.checkpoints()) {
            for (Double target : plan.targets()) {
                groups.put(step + "/" + target, new ArrayList<>());
            }
        }
        for (EpisodeRecord r : records) {
            List<EpisodeRecord> g = groups.get(r.checkpointStep() + "/" + r.target());
            if (g != null) {
                g.add(r);
            }
        }
        List<EvaluationSummary.TargetResult> results = new ArrayList<>();
        for (List<EpisodeRecord> g : groups.values()) {
            if (g.isEmpty()) {
                continue;
            }
            // one rule with the tables (EvaluatedRun): a failed episode counts with the return it reached
            int failures = (int) g.stream().filter(r -> r.failure() != null).count();
            double[] returns = g.stream().mapToDouble(EpisodeRecord::episodeReturn).toArray();
            double[] scores = g.stream().mapToDouble(EpisodeRecord::normalizedScore).toArray();
            double[] lengths = g.stream().mapToDouble(EpisodeRecord::length).toArray();
            results.add(new EvaluationSummary.TargetResult(g.get(0).checkpointStep(), g.get(0).target(), g.size(),
                    failures, Descriptive.mean(returns), Descriptive.std(returns), Descriptive.mean(scores),
                    Descriptive.std(scores), Descriptive.mean(lengths)));
        }
        EvaluationSummary.Run run = new EvaluationSummary.Run(plan.runDir().toString(), config.algorithm(), config.envId(),
                config.envVersion(), config.dataset(), config.seed());
        Object scale = config.extra().get("return_scale");
        EvaluationSummary.Protocol protocol = new EvaluationSummary.Protocol(plan.episodes(), plan.seed(), contextLength,
                scale instanceof Number n ? n.doubleValue() : 1.0, spec.refMinScore(), spec.refMaxScore(),
                spec.refScoreSource(), spec.clipActions(), spec.maxEpisodeSteps(), EnvRegistry.simulator(spec.id()),
                "episodes of one checkpoint and target (population std), failed episodes with the return they reached", plan.maxBatch());
        return EvaluationSummary.of(run, protocol, results, throughput);
    }

    static <T> T await(Future<T> f) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException("Vert.x operation failed: " + e.getMessage(), e);
        }
    }
}
