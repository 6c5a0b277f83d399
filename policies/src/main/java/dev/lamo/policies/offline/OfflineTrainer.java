package dev.lamo.policies.offline;

import dev.lamo.envs.EnvRegistry;
import dev.lamo.envs.EnvSpec;
import dev.lamo.envs.Json;
import dev.lamo.envs.Seeds;
import dev.lamo.envs.data.DatasetStatistics;
import dev.lamo.envs.data.TrajectoryDataset;
import dev.lamo.envs.arcade.ArcadeEnv;
import dev.lamo.envs.data.frames.FrameDataset;
import dev.lamo.envs.mujoco.MujocoRuntime;
import dev.lamo.envs.spaces.BoxSpace;
import dev.lamo.policies.djl.CheckpointableRandom;
import dev.lamo.policies.djl.DjlRuntime;
import dev.lamo.policies.run.CheckpointListener;
import dev.lamo.policies.run.HyperParameters;
import dev.lamo.policies.run.RunDirectory;
import dev.lamo.policies.run.TrainingData;
import dev.lamo.policies.run.TrainingProgress;
import dev.lamo.policies.run.TrainingRequest;
import dev.lamo.policies.run.TrainingRun;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamo.results.records.MetricsLog;
import dev.lamo.results.records.RunConfig;
import dev.lamo.results.records.RunFacts;
import dev.lamo.envs.arcade.AleProtocol;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Trains an offline baseline (CQL, TD3+BC, IQL, BC) on a dataset, in the same run layout as every trainer:
 * config.json with the hyper-parameters and the normalisation, metrics.jsonl, and checkpoints holding the
 * networks, the optimizers and the minibatch generator, so that {@code --resume} continues bit for bit.
 * On a pixel game (an {@link ArcadeEnv}) {@code bc} and {@code cql} train their discrete versions on stacked
 * frames; config.json then records {@code "observation": "frames"} in its extra, as Decision Transformer runs do.
 */
public final class OfflineTrainer {

    /** Gradient steps when none are given: CORL's 1,000,000 on state vectors. */
    static final long DEFAULT_STEPS = 1_000_000;

    /**
     * Gradient steps on pixel games when none are given: 100,000, the budget of this project's Decision Transformer
     * runs (hours on one CPU thread: BC runs about 4 steps/s, CQL about 6). d3rlpy's Atari example trains 1M steps.
     */
    static final long DEFAULT_FRAME_STEPS = 100_000;

    /**
     * One baseline update: a minibatch drawn from the run's transitions by the run's generator, then the learner's
     * step. The checkpoint holds the learner's networks and optimizers and the generator.
     */
    private record BaselineUpdates<B>(BatchSource<B> source, OfflineLearner<B> learner, int batchSize,
                                      CheckpointableRandom rng) implements TrainingRun.Learner {

        @Override
        public TrainingRun.Update update(long step, MetricsLog metrics) {
            return TrainingRun.Update.applied(learner.update(source.sample(batchSize, rng), rng));
        }

        @Override
        public String progress(TrainingRun.WindowMeans means) {
            return means.has("actor_loss") ? String.format("actor %.4f", means.mean("actor_loss"))
                    : String.format("loss %.4f", means.has("loss") ? means.mean("loss") : 0.0);
        }

        @Override
        public List<String> save(Path folder) throws IOException {
            return learner.save(folder);
        }

        @Override
        public void load(Path folder) throws IOException {
            learner.load(folder);
        }

        @Override
        public void saveState(ObjectNode state) {
            state.set("random", Json.mapper().valueToTree(rng.state()));
        }

        @Override
        public void loadState(JsonNode state) {
            rng.restore(Json.mapper().convertValue(state.get("random"), long[].class));
        }

        @Override
        public void close() {
            learner.close();
        }
    }

    private OfflineTrainer() {
    }

    /** The run of a baseline: its updates under the shared lifecycle, at the cadence of its hyper-parameters. */
    private static <B> TrainingRun run(RunDirectory dir, RunConfig rc, OfflineSchedule config, BatchSource<B> source,
                                       OfflineLearner<B> learner) {
        CheckpointableRandom rng = new CheckpointableRandom(Seeds.derive(rc.seed(), 0xBA7C));
        return new TrainingRun(dir, rc, new BaselineUpdates<>(source, learner, config.batchSize(), rng),
                new TrainingRun.Cadence(config.logEvery(), config.checkpointEvery()));
    }

    /** The generator every learner initialises its networks from. */
    private static RandomGenerator initRng(RunConfig rc) {
        return Seeds.rng(Seeds.derive(rc.seed(), 0x1417));
    }

    private static TrainingRun vectors(OfflineAlgorithms.Algorithm<?, Transitions.Batch> algorithm, OfflineSchedule config,
                                       RunDirectory dir, RunConfig rc, TrajectoryDataset data) {
        RunFacts facts = rc.facts();
        String run = rc.algorithm() + " run on " + rc.envId();
        RunFacts.StateNormalization norm = RunFacts.require(facts.stateNormalization(), "state_normalization", run);
        BoxSpace actions = actionSpace(rc.envId());
        Transitions transitions = Transitions.of(data, norm.mean(), norm.std(),
                RunFacts.require(facts.rewardScale(), "reward_scale", run), actions.low(), actions.high());
        return run(dir, rc, config, transitions, algorithm.learner(config, data.observationSize(), data.actionSize(),
                rc.steps(), initRng(rc)));
    }

    private static TrainingRun frames(OfflineAlgorithms.Algorithm<?, FrameTransitions.Batch> algorithm,
                                      OfflineSchedule config, RunDirectory dir, RunConfig rc, FrameDataset data) {
        return run(dir, rc, config, FrameTransitions.of(data), algorithm.learner(config, data.frameStack(),
                data.actionCount(), rc.steps(), initRng(rc)));
    }

    /** Whether the environment observes stacked frames (a pixel game), whose baselines learn from frames. */
    static boolean isPixelGame(String envId) {
        return EnvRegistry.observesFrames(envId);
    }

    /** Gradient steps of a run that names none: 1,000,000 on state vectors (CORL), 100,000 on pixel games. */
    public static long defaultSteps(String envId) {
        return isPixelGame(envId) ? DEFAULT_FRAME_STEPS : DEFAULT_STEPS;
    }

    static BoxSpace actionSpace(String envId) {
        try (var env = EnvRegistry.make(envId)) {
            if (env.actionSpace() instanceof BoxSpace box) {
                return box;
            }
            throw new IllegalArgumentException(envId + ": offline baselines need continuous actions");
        }
    }

    public static void train(TrainingRequest o, List<CheckpointListener> listeners, TrainingProgress progress) {
        train(o, listeners, progress, TrainingData.FRAMES);
    }

    static void train(TrainingRequest o, List<CheckpointListener> listeners, TrainingProgress progress,
                      TrainingData.Lane<FrameDataset> frames) {
        DjlRuntime.configure();
        TrainingRun run = o.resume() ? resume(o, frames) : isPixelGame(o.envId()) ? startFrames(o, frames) : start(o);
        run.train(o.stopAfter(), listeners, progress);
    }

    private static TrainingRun start(TrainingRequest o) {
        OfflineAlgorithms.Algorithm<? extends OfflineConfig, Transitions.Batch> algorithm = OfflineAlgorithms.get(o.algorithm());
        OfflineConfig config = HyperParameters.apply(algorithm.defaults(), o.overrides());
        long steps = o.stepsOr(DEFAULT_STEPS);
        EnvSpec spec = EnvRegistry.spec(o.envId());
        TrainingData<TrajectoryDataset> training = TrainingData.forNewRun(o.data(), o.envId(), o.ratio(), o.sampleSeed());
        TrajectoryDataset data = training.data();
        DatasetStatistics stats = DatasetStatistics.of(data);
        float[] mean = new float[data.observationSize()];
        float[] std = new float[data.observationSize()];
        for (int c = 0; c < mean.length; c++) {
            // CORL's normalisation: std + 1e-3 (the statistics carry std + 1e-6)
            mean[c] = config.normalizeStates() ? (float) stats.observationMean()[c] : 0f;
            std[c] = config.normalizeStates() ? (float) (stats.observationStd()[c] - DatasetStatistics.STD_EPSILON + 1e-3) : 1f;
        }
        RunFacts facts = RunFacts.of(RunFacts.Observation.vector(data.observationSize()))
                .withStateNormalization(new RunFacts.StateNormalization(mean, std))
                .withRewardScale(config.normalizeRewards() ? rewardScale(data, spec.maxEpisodeSteps()) : 1.0)
                .withDatasetReturnMean(stats.returnMean());
        RunConfig rc = RunConfig.of(o.algorithm(), o.variant(), spec.id(), spec.version(), training.ref(), o.seed(), steps,
                HyperParameters.asMap(config), facts, "MuJoCo " + MujocoRuntime.version(), spec.clipActions());
        return vectors(algorithm, config, RunDirectory.create(o.runDir(), rc), rc, data);
    }

    /** A new run on a pixel game: no normalisation (the encoder scales pixels itself), the frames marker. */
    private static TrainingRun startFrames(TrainingRequest o, TrainingData.Lane<FrameDataset> frames) {
        OfflineAlgorithms.Algorithm<? extends FrameConfig, FrameTransitions.Batch> algorithm =
                OfflineAlgorithms.frames(o.algorithm(), o.envId());
        FrameConfig config = HyperParameters.apply(algorithm.defaults(), o.overrides());
        long steps = o.stepsOr(DEFAULT_FRAME_STEPS);
        EnvSpec spec = EnvRegistry.spec(o.envId());
        TrainingData<FrameDataset> training = TrainingData.forNewRun(frames, o.data(), o.envId(), o.ratio(),
                o.sampleSeed());
        FrameDataset data = training.data();
        RunFacts facts = RunFacts.of(RunFacts.Observation.frames(data.frameStack(), AleProtocol.FRAME_BYTES,
                        data.actionCount()))
                .withDatasetReturnMean(java.util.Arrays.stream(data.episodeReturns()).average().orElse(0));
        RunConfig rc = RunConfig.of(o.algorithm(), o.variant(), spec.id(), spec.version(), training.ref(), o.seed(), steps,
                HyperParameters.asMap(config), facts, EnvRegistry.simulator(spec.id()), spec.clipActions());
        return frames(algorithm, config, RunDirectory.create(o.runDir(), rc), rc, data);
    }

    /** CORL's reward normalisation for locomotion: rewards · max_episode_steps / (max − min episode return). */
    static double rewardScale(TrajectoryDataset data, int maxEpisodeSteps) {
        double[] returns = data.episodeReturns();
        double lo = java.util.Arrays.stream(returns).min().orElseThrow();
        double hi = java.util.Arrays.stream(returns).max().orElseThrow();
        if (!(hi > lo)) {
            throw new IllegalArgumentException(data.metadata().datasetId() + ": reward normalisation needs episodes with "
                    + "different returns (all " + lo + "); --set normalize_rewards=false");
        }
        return maxEpisodeSteps / (hi - lo);
    }

    private static TrainingRun resume(TrainingRequest o, TrainingData.Lane<FrameDataset> frames) {
        RunDirectory run = TrainingRun.openForResume(o, OfflineAlgorithms::contains, "an offline baseline");
        RunConfig rc = run.config();
        if (rc.facts().observation().isFrames()) {
            var algorithm = OfflineAlgorithms.frames(rc.algorithm(), rc.envId());
            FrameConfig config = HyperParameters.fromMap(rc.hyperparameters(), algorithm.configType());
            return frames(algorithm, config, run, rc, TrainingData.forResume(frames, rc.dataset()).data()).restoreLatest();
        }
        var algorithm = OfflineAlgorithms.get(rc.algorithm());
        OfflineConfig config = HyperParameters.fromMap(rc.hyperparameters(), algorithm.configType());
        return vectors(algorithm, config, run, rc, TrainingData.forResume(TrainingData.VECTORS, rc.dataset()).data()).restoreLatest();
    }
}
