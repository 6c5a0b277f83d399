package dev.lamo.policies.runtime;

import dev.lamo.envs.Env;
import dev.lamo.envs.EnvRegistry;
import dev.lamo.envs.spaces.BoxSpace;
import dev.lamo.policies.PolicyLoader;
import dev.lamo.policies.dt.DtModel;
import dev.lamo.results.records.RecordFormatException;
import dev.lamo.results.records.RunConfig;
import dev.lamo.results.records.RunFacts;
import dev.lamo.policies.registry.Algorithm;
import dev.lamo.policies.registry.Algorithms;
import java.nio.file.Path;
import java.util.List;

/**
 * Every fact of a run the engine reads, in one place, from the run's typed {@link RunConfig} (its {@code RunFacts}
 * and the registry's engine model). A missing fact fails in one line naming the run's config.json and the field.
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

    /**
     * Whether the engine implements this run's policy: a registered algorithm with an engine model, on state vectors
     * (pixel policies stay on DJL).
     */
    public static boolean supports(RunConfig config) {
        return Algorithms.contains(config.algorithm()) && model(config) != Algorithm.EngineModel.NONE
                && !config.facts().observation().isFrames();
    }

    private static Algorithm.EngineModel model(RunConfig config) {
        return Algorithms.get(config.algorithm()).engineModel();
    }

    /** The network the engine computes for this run. */
    public Algorithm.EngineModel model() {
        return model(config);
    }

    /** The run's config.json. */
    public RunConfig config() {
        return config;
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
        return DtModel.Architecture.of(config);
    }

    private RunFacts.StateNormalization normalization() {
        return fact(config.facts().stateNormalization(), "state_normalization");
    }

    public float[] stateMean() {
        return normalization().mean();
    }

    public float[] stateStd() {
        return normalization().std();
    }

    public int contextLength() {
        return fact(config.facts().contextLength(), "context_length");
    }

    public int maxEpisodeLength() {
        return fact(config.facts().maxEpisodeLength(), "max_episode_length");
    }

    public float returnScale() {
        return fact(config.facts().returnScale(), "return_scale").floatValue();
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

    private <T> T fact(T value, String field) {
        return RunFacts.require(value, field, configFile.getParent().toString());
    }
}
