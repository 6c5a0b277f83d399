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
            List<EpisodeRecord> ok = g.stream().filter(r -> r.failure() == null).toList();
            double[] returns = ok.stream().mapToDouble(EpisodeRecord::episodeReturn).toArray();
            double[] scores = ok.stream().mapToDouble(EpisodeRecord::normalizedScore).toArray();
            double[] lengths = ok.stream().mapToDouble(EpisodeRecord::length).toArray();
            boolean any = returns.length > 0;
            results.add(new EvaluationSummary.TargetResult(g.get(0).checkpointStep(), g.get(0).target(), g.size(),
                    g.size() - ok.size(), any ? Descriptive.mean(returns) : Double.NaN,
                    any ? Descriptive.std(returns) : Double.NaN, any ? Descriptive.mean(scores) : Double.NaN,
                    any ? Descriptive.std(scores) : Double.NaN, any ? Descriptive.mean(lengths) : Double.NaN));
        }
        EvaluationSummary.Run run = new EvaluationSummary.Run(plan.runDir().toString(), config.algorithm(), config.envId(),
                config.envVersion(), config.dataset(), config.seed());
        EvaluationSummary.Protocol protocol = new EvaluationSummary.Protocol(plan.episodes(), plan.seed(), contextLength,
                returnScale, spec.refMinScore(), spec.refMaxScore(), spec.refScoreSource(), spec.clipActions(),
                spec.maxEpisodeSteps(), EnvRegistry.simulator(spec.id()),
                "episodes of one checkpoint and target (population std)", plan.maxBatch(),
                plan.runtime().resolve(config).id());
        return EvaluationSummary.of(run, protocol, results, throughput);
    }
}
