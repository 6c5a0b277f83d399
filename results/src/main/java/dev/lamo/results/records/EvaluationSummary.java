package dev.lamo.results.records;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code summary.json} of an evaluation: what was evaluated, under which protocol, the results per
 * checkpoint and target, and the throughput (kept apart from the results).
 */
public record EvaluationSummary(String schema, int schemaVersion, Run run, Protocol protocol, List<TargetResult> results,
                                Map<String, Object> throughput) implements VersionedRecord {

    public static final String SCHEMA = "lamo.evaluation_summary";
    public static final int VERSION = 1;

    /**
     * What was evaluated.
     *
     * @param runDir        run directory
     * @param algorithm     algorithm
     * @param envId         environment id
     * @param envVersion    environment semantics version
     * @param dataset       training data (null for online runs)
     * @param trainingSeed  training seed
     */
    public record Run(String runDir, String algorithm, String envId, String envVersion, DatasetRef dataset,
                      long trainingSeed) {
    }

    /**
     * How it was evaluated.
     *
     * @param episodesPerTarget episodes per checkpoint and target
     * @param seed              evaluation seed
     * @param contextLength     K
     * @param returnScale       divisor of returns-to-go
     * @param refMinScore       return that normalises to 0
     * @param refMaxScore       return that normalises to 100
     * @param refScoreSource    where the reference scores come from
     * @param clipActions       whether the environment clipped actions
     * @param maxEpisodeSteps   the environment's step limit
     * @param simulator         simulator and version
     * @param stdOver           what the reported std is over
     * @param maxBatch          largest forward batch: results depend on it, because matrix kernels round a row
     *                          differently in batches of other sizes (null in records written before it was recorded);
     *                          on the {@code engine} runtime results do not depend on it
     * @param runtime           the policy's forward: {@code engine} (batch-invariant) or {@code djl}; null in records
     *                          written before it was recorded, which were all {@code djl}
     */
    public record Protocol(int episodesPerTarget, long seed, int contextLength, double returnScale, double refMinScore,
                           double refMaxScore, String refScoreSource, boolean clipActions, int maxEpisodeSteps,
                           String simulator, String stdOver, Integer maxBatch, String runtime) {

        /** What records without a runtime were evaluated with. */
        public static final String LEGACY_RUNTIME = "djl";

        /** The runtime, {@code djl} where the record predates it. */
        public String runtimeOrLegacy() {
            return runtime == null ? LEGACY_RUNTIME : runtime;
        }

        /** Whether results depend on the largest forward batch (every runtime but the engine's). */
        public boolean dependsOnBatchSize() {
            return !runtimeOrLegacy().equals("engine");
        }
    }

    /** Results of one checkpoint and target. */
    public record TargetResult(long checkpointStep, Double target, int episodes, int failures, double returnMean,
                               double returnStd, double normalizedMean, double normalizedStd, double lengthMean) {
    }

    public EvaluationSummary {
        results = results == null ? List.of() : List.copyOf(results);
        throughput = throughput == null ? Map.of() : new LinkedHashMap<>(throughput);
    }

    public static EvaluationSummary of(Run run, Protocol protocol, List<TargetResult> results, Map<String, Object> throughput) {
        return new EvaluationSummary(SCHEMA, VERSION, run, protocol, results, throughput);
    }
}
