package dev.lamo.envs.data;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a dataset comes from and what it means; stored with the data (our HDF5 files keep it as JSON in
 * {@code metadata/lamo_json} and its main fields as separate {@code metadata/*} datasets).
 *
 * @param datasetId         id that result records use to group runs (given, or derived)
 * @param envId             environment the data belongs to (may be null for foreign files)
 * @param envVersion        version of the environment's semantics
 * @param format            where the data was read from: {@code lamo}, {@code d4rl}, {@code minari}, {@code generated}
 * @param sourceFile        the file the data was read or derived from
 * @param sourceSha256      its sha256
 * @param behavior          behaviour policy ({@code random}, {@code scripted}, a checkpoint, an algorithm name)
 * @param behaviorDetails   its settings (noise level, checkpoint step and return, stochastic or deterministic)
 * @param behaviorScore     mean normalised score of the behaviour over the dataset's episodes, if known
 * @param generationSeed    seed the data was generated with
 * @param sampleRatio       fraction of trajectories kept by down-sampling (1 when not down-sampled)
 * @param sampleSeed        seed of the down-sampling
 * @param sampledFrom       dataset id of the parent when down-sampled
 * @param observationSpace  description of the observation space (type, shape, dtype; flattening order)
 * @param actionSpace       description of the action space
 * @param droppedSteps      trailing steps that ended without a flag and were dropped when reading
 * @param extra             anything else the source carried (D4RL {@code metadata/*}, Minari fields)
 */
public record DatasetMetadata(
        String datasetId,
        String envId,
        String envVersion,
        String format,
        String sourceFile,
        String sourceSha256,
        String behavior,
        Map<String, Object> behaviorDetails,
        Double behaviorScore,
        Long generationSeed,
        double sampleRatio,
        Long sampleSeed,
        String sampledFrom,
        Map<String, Object> observationSpace,
        Map<String, Object> actionSpace,
        long droppedSteps,
        Map<String, Object> extra) {

    public DatasetMetadata {
        behaviorDetails = behaviorDetails == null ? Map.of() : new LinkedHashMap<>(behaviorDetails);
        observationSpace = observationSpace == null ? Map.of() : new LinkedHashMap<>(observationSpace);
        actionSpace = actionSpace == null ? Map.of() : new LinkedHashMap<>(actionSpace);
        extra = extra == null ? Map.of() : new LinkedHashMap<>(extra);
    }

    /** Metadata with only an id, format and source; everything else unknown. */
    public static DatasetMetadata of(String datasetId, String format, String sourceFile, String sourceSha256) {
        return new DatasetMetadata(datasetId, null, null, format, sourceFile, sourceSha256, null, null, null, null,
                1.0, null, null, null, null, 0, null);
    }

    private static final String ALE_PROTOCOL = "ale_protocol";

    public DatasetMetadata withDatasetId(String id) {
        return new DatasetMetadata(id, envId, envVersion, format, sourceFile, sourceSha256, behavior, behaviorDetails,
                behaviorScore, generationSeed, sampleRatio, sampleSeed, sampledFrom, observationSpace, actionSpace,
                droppedSteps, extra);
    }

    public DatasetMetadata withEnv(String id, String version) {
        return new DatasetMetadata(datasetId, id, version, format, sourceFile, sourceSha256, behavior, behaviorDetails,
                behaviorScore, generationSeed, sampleRatio, sampleSeed, sampledFrom, observationSpace, actionSpace,
                droppedSteps, extra);
    }

    public DatasetMetadata withSource(String fileFormat, String file, String sha256) {
        return new DatasetMetadata(datasetId, envId, envVersion, fileFormat, file, sha256, behavior, behaviorDetails,
                behaviorScore, generationSeed, sampleRatio, sampleSeed, sampledFrom, observationSpace, actionSpace,
                droppedSteps, extra);
    }

    public DatasetMetadata withBehavior(String name, Map<String, Object> details, Double score, Long seed) {
        return new DatasetMetadata(datasetId, envId, envVersion, format, sourceFile, sourceSha256, name, details, score,
                seed, sampleRatio, sampleSeed, sampledFrom, observationSpace, actionSpace, droppedSteps, extra);
    }

    public DatasetMetadata withSample(double ratio, long seed, String parentId) {
        return new DatasetMetadata(datasetId, envId, envVersion, format, sourceFile, sourceSha256, behavior,
                behaviorDetails, behaviorScore, generationSeed, ratio, seed, parentId, observationSpace, actionSpace,
                droppedSteps, extra);
    }

    public DatasetMetadata withSpaces(Map<String, Object> observation, Map<String, Object> action) {
        return new DatasetMetadata(datasetId, envId, envVersion, format, sourceFile, sourceSha256, behavior,
                behaviorDetails, behaviorScore, generationSeed, sampleRatio, sampleSeed, sampledFrom, observation, action,
                droppedSteps, extra);
    }

    public DatasetMetadata withDroppedSteps(long dropped) {
        return new DatasetMetadata(datasetId, envId, envVersion, format, sourceFile, sourceSha256, behavior,
                behaviorDetails, behaviorScore, generationSeed, sampleRatio, sampleSeed, sampledFrom, observationSpace,
                actionSpace, dropped, extra);
    }

    /** The ALE protocol a frame dataset was recorded under (its settings by name), or null for other datasets. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> aleProtocol() {
        return extra != null && extra.get(ALE_PROTOCOL) instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    /** Records the ALE protocol a frame dataset was recorded under. */
    public DatasetMetadata withAleProtocol(Map<String, Object> description) {
        return withExtra(Map.of(ALE_PROTOCOL, description));
    }

    public DatasetMetadata withExtra(Map<String, Object> more) {
        Map<String, Object> merged = new LinkedHashMap<>(extra);
        merged.putAll(more);
        return new DatasetMetadata(datasetId, envId, envVersion, format, sourceFile, sourceSha256, behavior,
                behaviorDetails, behaviorScore, generationSeed, sampleRatio, sampleSeed, sampledFrom, observationSpace,
                actionSpace, droppedSteps, merged);
    }
}
