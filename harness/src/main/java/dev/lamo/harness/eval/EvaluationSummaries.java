package dev.lamo.harness.eval;

import dev.lamo.envs.EnvRegistry;
import dev.lamo.envs.EnvSpec;
import dev.lamo.results.records.EpisodeRecord;
import dev.lamo.results.records.EvaluationSummary;
import dev.lamo.results.records.RunConfig;
import dev.lamo.results.stats.Descriptive;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code summary.json} of an evaluation, from the records its recorder holds. */
final class EvaluationSummaries {

    private EvaluationSummaries() {
    }

    /**
     * Statistics per (checkpoint, target) of the plan, over the folder's records of that group in file order.
     *
     * @param contextLength the policy's context length, and {@code returnScale} its divisor of returns-to-go
     */
    static EvaluationSummary of(EvalPlan plan, EnvSpec spec, RunConfig config, int contextLength, double returnScale,
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
        EvaluationSummary.Protocol protocol = new EvaluationSummary.Protocol(plan.episodes(), plan.seed(), contextLength,
                returnScale, spec.refMinScore(), spec.refMaxScore(), spec.refScoreSource(), spec.clipActions(),
                spec.maxEpisodeSteps(), EnvRegistry.simulator(spec.id()),
                "episodes of one checkpoint and target (population std), failed episodes with the return they reached",
                plan.maxBatch(),
                plan.runtime().resolve(config).id());
        return EvaluationSummary.of(run, protocol, results, throughput);
    }
}
