package dev.lamo.policies.runtime;

import dev.lamo.envs.Env;
import dev.lamo.envs.EnvRegistry;
import dev.lamo.envs.spaces.BoxSpace;
import dev.lamo.policies.PolicyLoader;
import dev.lamo.policies.dt.DtModel;
import dev.lamo.policies.offline.OfflineAlgorithms;
import dev.lamo.policies.run.FloatArrays;
import dev.lamo.policies.run.HyperParameters;
import dev.lamo.results.records.RecordFormatException;
import dev.lamo.results.records.RunConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Every fact of a run the engine reads, in one place: the only class of this package that reads
 * {@link RunConfig#extra()} (so that moving to typed run records changes this class alone). A missing or
 * mistyped fact fails in one line naming the run's config.json and the key.
 */
public final class EngineCheckpoint {

    /** The algorithms whose checkpoints the engine runs on vector observations. */
    static final List<String> MLP_ACTORS = List.of("bc", "td3bc", "iql", "cql", "sac");

    private final RunConfig config;
    private final Path folder;
    private final Path configFile;

    public EngineCheckpoint(RunConfig config, Path folder, Path configFile) {
        this.config = config;
        this.folder = folder;
        this.configFile = configFile;
    }

    public static EngineCheckpoint of(PolicyLoader.CheckpointRef ref) {
        return new EngineCheckpoint(ref.config(), ref.folder(), ref.run().path().resolve("config.json"));
    }

    /** Whether the engine implements this run's policy (vector observations; pixel policies stay on DJL). */
    public static boolean supports(RunConfig config) {
        String algorithm = config.algorithm();
        if (algorithm.equals("dt") || algorithm.equals("lamo")) {
            Object arch = config.extra() == null ? null : config.extra().get("architecture");
            return arch instanceof Map<?, ?> m && m.get("pixels") == null
                    && !OfflineAlgorithms.FRAMES.equals(config.extra().get(OfflineAlgorithms.OBSERVATION));
        }
        if (algorithm.equals("sac")) {
            return true;
        }
        return MLP_ACTORS.contains(algorithm) && !OfflineAlgorithms.readsFrames(config);
    }

    public String algorithm() {
        return config.algorithm();
    }

    public String envId() {
        return config.envId();
    }

    /** The checkpoint folder (step_N). */
    public Path folder() {
        return folder;
    }

    public DtModel.Architecture architecture() {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) fact("architecture", Map.class);
        return HyperParameters.fromMap(m, DtModel.Architecture.class);
    }

    public float[] stateMean() {
        return FloatArrays.of(fact("state_mean", List.class));
    }

    public float[] stateStd() {
        return FloatArrays.of(fact("state_std", List.class));
    }

    public int contextLength() {
        return ((Number) fact("context_length", Number.class)).intValue();
    }

    public int maxEpisodeLength() {
        return ((Number) fact("max_episode_length", Number.class)).intValue();
    }

    public float returnScale() {
        return ((Number) fact("return_scale", Number.class)).floatValue();
    }

    /** The environment's continuous action bounds (the MLP actors map tanh outputs onto them). */
    public BoxSpace actionSpace() {
        try (Env<?, ?> env = EnvRegistry.make(config.envId())) {
            if (env.actionSpace() instanceof BoxSpace box) {
                return box;
            }
            throw new RecordFormatException(configFile + ": env '" + config.envId() + "' has no continuous action space");
        }
    }

    /** Values per observation of the environment. */
    public int observationSize() {
        try (Env<?, ?> env = EnvRegistry.make(config.envId())) {
            return env.observationSpace().flatSize();
        }
    }

    private Object fact(String key, Class<?> type) {
        Object v = config.extra() == null ? null : config.extra().get(key);
        if (v instanceof float[] && type == List.class) {
            return v;
        }
        if (!type.isInstance(v)) {
            throw new RecordFormatException(configFile + ": key extra." + key + " should be a "
                    + type.getSimpleName().toLowerCase() + ", found " + (v == null ? "nothing" : v));
        }
        return v;
    }
}
