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
import dev.lamo.policies.run.CheckpointEvent;
import dev.lamo.policies.run.CheckpointListener;
import dev.lamo.policies.run.FloatArrays;
import dev.lamo.policies.run.FrameTrainingData;
import dev.lamo.policies.run.HyperParameters;
import dev.lamo.policies.run.RunDirectory;
import dev.lamo.policies.run.TrainingData;
import dev.lamo.policies.run.TrainingProgress;
import dev.lamo.results.records.DatasetRef;
import dev.lamo.results.records.MetricsLog;
import dev.lamo.results.records.Records;
import dev.lamo.results.records.RunConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Trains an offline baseline (CQL, TD3+BC, IQL, BC) on a dataset, in the same run layout as every trainer:
 * config.json with the hyper-parameters and the normalisation, metrics.jsonl, and checkpoints holding the
 * networks, the optimizers and the minibatch generator, so that {@code --resume} continues bit for bit.
 * On a pixel game (an {@link ArcadeEnv}) {@code bc} and {@code cql} train their discrete versions on stacked
 * frames; config.json then records {@code "observation": "frames"} in its extra, as Decision Transformer runs do.
 */
public final class OfflineTrainer {

    static final String STATE_FILE = "trainer_state.json";

    /** Gradient steps when none are given: CORL's 1,000,000 on state vectors. */
    static final long DEFAULT_STEPS = 1_000_000;

    /**
     * Gradient steps on pixel games when none are given: 100,000, the budget of this project's Decision Transformer
     * runs (hours on one CPU thread: BC runs about 4 steps/s, CQL about 6). d3rlpy's Atari example trains 1M steps.
     */
    static final long DEFAULT_FRAME_STEPS = 100_000;

    /**
     * @param steps     gradient steps in total; null on resume keeps the recorded total (default
     *                  {@link #defaultSteps(String)})
     * @param stopAfter stop (as if interrupted) after this many steps in this session; 0 for no stop
     */
    public record Options(String algorithm, String envId, Path data, Double ratio, Long sampleSeed, Long steps, long seed,
                          Path runDir, boolean resume, List<String> overrides, long stopAfter) {
    }

    /** The part of a checkpoint that is not tensors. */
    record State(long step, long[] random) {
    }

    /** Where pixel-game data come from: the frame file reader, or in tests a dataset built in memory. */
    interface FrameSource {

        FrameSource FILES = new FrameSource() {
            @Override
            public FrameTrainingData forNewRun(Path file, String envId, Double ratio, Long sampleSeed) {
                return FrameTrainingData.forNewRun(file, envId, ratio, sampleSeed);
            }

            @Override
            public FrameTrainingData forResume(DatasetRef ref) {
                return FrameTrainingData.forResume(ref);
            }
        };

        FrameTrainingData forNewRun(Path file, String envId, Double ratio, Long sampleSeed);

        FrameTrainingData forResume(DatasetRef ref);
    }

    /** A learner bound to the source of the minibatches it reads. */
    private record Bound<B>(BatchSource<B> source, OfflineLearner<B> learner) {

        Map<String, Double> step(int batchSize, RandomGenerator rng) {
            return learner.update(source.sample(batchSize, rng), rng);
        }
    }

    private final OfflineSchedule config;
    private final RunDirectory run;
    private final long totalSteps;
    private final Bound<?> bound;
    private final CheckpointableRandom rng;
    private final List<CheckpointListener> listeners = new ArrayList<>();
    private TrainingProgress progress = TrainingProgress.NONE;
    private long step;

    private OfflineTrainer(OfflineSchedule config, RunDirectory run, RunConfig rc, Bound<?> bound) {
        this.config = config;
        this.run = run;
        this.totalSteps = rc.steps();
        this.bound = bound;
        this.rng = new CheckpointableRandom(Seeds.derive(rc.seed(), 0xBA7C));
    }

    /** The generator every learner initialises its networks from. */
    private static RandomGenerator initRng(RunConfig rc) {
        return Seeds.rng(Seeds.derive(rc.seed(), 0x1417));
    }

    private static Bound<Transitions.Batch> vectors(OfflineAlgorithms.Algorithm<?, Transitions.Batch> algorithm,
                                                    OfflineSchedule config, RunConfig rc, TrajectoryDataset data) {
        Map<String, Object> x = rc.extra();
        BoxSpace actions = actionSpace(rc.envId());
        Transitions transitions = Transitions.of(data, FloatArrays.of(x.get("state_mean")), FloatArrays.of(x.get("state_std")),
                ((Number) x.get("reward_scale")).doubleValue(), actions.low(), actions.high());
        return new Bound<>(transitions, algorithm.learner(config, data.observationSize(), data.actionSize(), rc.steps(),
                initRng(rc)));
    }

    private static Bound<FrameTransitions.Batch> frames(OfflineAlgorithms.Algorithm<?, FrameTransitions.Batch> algorithm,
                                                        OfflineSchedule config, RunConfig rc, FrameDataset data) {
        return new Bound<>(FrameTransitions.of(data), algorithm.learner(config, data.frameStack(), data.actionCount(),
                rc.steps(), initRng(rc)));
    }

    /** Whether the environment is a pixel game, whose baselines learn from stacked frames. */
    static boolean isPixelGame(String envId) {
        try (var env = EnvRegistry.make(envId)) {
            return env instanceof ArcadeEnv;
        }
    }

    /** Gradient steps of a run that names none: 1,000,000 on state vectors (CORL), 100,000 on pixel games. */
    public static long defaultSteps(String envId) {
        return isPixelGame(envId) ? DEFAULT_FRAME_STEPS : DEFAULT_STEPS;
    }

    private static long steps(Long requested, long byDefault) {
        long steps = requested == null ? byDefault : requested;
        if (steps < 1) {
            throw new IllegalArgumentException("--steps must be >= 1, got " + steps);
        }
        return steps;
    }

    static BoxSpace actionSpace(String envId) {
        try (var env = EnvRegistry.make(envId)) {
            if (env.actionSpace() instanceof BoxSpace box) {
                return box;
            }
            throw new IllegalArgumentException(envId + ": offline baselines need continuous actions");
        }
    }

    public static void train(Options o, List<CheckpointListener> listeners, TrainingProgress progress) {
        train(o, listeners, progress, FrameSource.FILES);
    }

    static void train(Options o, List<CheckpointListener> listeners, TrainingProgress progress, FrameSource frames) {
        DjlRuntime.configure();
        OfflineTrainer t = o.resume() ? resume(o, frames) : isPixelGame(o.envId()) ? startFrames(o, frames) : start(o);
        t.listeners.addAll(listeners);
        t.progress = progress;
        try {
            t.loop(o.stopAfter());
        } finally {
            t.bound.learner().close();
        }
    }

    private static OfflineTrainer start(Options o) {
        OfflineAlgorithms.Algorithm<? extends OfflineConfig, Transitions.Batch> algorithm = OfflineAlgorithms.get(o.algorithm());
        OfflineConfig config = HyperParameters.apply(algorithm.defaults(), o.overrides());
        long steps = steps(o.steps(), DEFAULT_STEPS);
        EnvSpec spec = EnvRegistry.spec(o.envId());
        TrainingData training = TrainingData.forNewRun(o.data(), o.envId(), o.ratio(), o.sampleSeed());
        TrajectoryDataset data = training.data();
        DatasetStatistics stats = DatasetStatistics.of(data);
        Map<String, Object> extra = new LinkedHashMap<>();
        float[] mean = new float[data.observationSize()];
        float[] std = new float[data.observationSize()];
        for (int c = 0; c < mean.length; c++) {
            // CORL's normalisation: std + 1e-3 (the statistics carry std + 1e-6)
            mean[c] = config.normalizeStates() ? (float) stats.observationMean()[c] : 0f;
            std[c] = config.normalizeStates() ? (float) (stats.observationStd()[c] - DatasetStatistics.STD_EPSILON + 1e-3) : 1f;
        }
        extra.put("state_mean", mean);
        extra.put("state_std", std);
        extra.put("reward_scale", config.normalizeRewards() ? rewardScale(data, spec.maxEpisodeSteps()) : 1.0);
        extra.put("dataset_return_mean", stats.returnMean());
        RunConfig rc = RunConfig.of(o.algorithm(), spec.id(), spec.version(), training.ref(), o.seed(), steps,
                HyperParameters.asMap(config), extra, "MuJoCo " + MujocoRuntime.version(), spec.clipActions());
        RunDirectory run = RunDirectory.create(o.runDir(), rc);
        return new OfflineTrainer(config, run, rc, vectors(algorithm, config, rc, data));
    }

    /** A new run on a pixel game: no normalisation (the encoder scales pixels itself), the frames marker. */
    private static OfflineTrainer startFrames(Options o, FrameSource frames) {
        OfflineAlgorithms.Algorithm<? extends FrameConfig, FrameTransitions.Batch> algorithm =
                OfflineAlgorithms.frames(o.algorithm(), o.envId());
        FrameConfig config = HyperParameters.apply(algorithm.defaults(), o.overrides());
        long steps = steps(o.steps(), DEFAULT_FRAME_STEPS);
        EnvSpec spec = EnvRegistry.spec(o.envId());
        FrameTrainingData training = frames.forNewRun(o.data(), o.envId(), o.ratio(), o.sampleSeed());
        FrameDataset data = training.data();
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put(OfflineAlgorithms.OBSERVATION, OfflineAlgorithms.FRAMES);
        extra.put("frame_stack", data.frameStack());
        extra.put("action_count", data.actionCount());
        extra.put("dataset_return_mean", java.util.Arrays.stream(data.episodeReturns()).average().orElse(0));
        RunConfig rc = RunConfig.of(o.algorithm(), spec.id(), spec.version(), training.ref(), o.seed(), steps,
                HyperParameters.asMap(config), extra, EnvRegistry.simulator(spec.id()), spec.clipActions());
        RunDirectory run = RunDirectory.create(o.runDir(), rc);
        return new OfflineTrainer(config, run, rc, frames(algorithm, config, rc, data));
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

    private static OfflineTrainer resume(Options o, FrameSource frames) {
        RunDirectory run = RunDirectory.open(o.runDir());
        RunConfig rc = run.config();
        if (!OfflineAlgorithms.contains(rc.algorithm())) {
            throw new IllegalArgumentException(o.runDir() + " holds a " + rc.algorithm() + " run, not an offline baseline");
        }
        OfflineTrainer t;
        if (OfflineAlgorithms.readsFrames(rc)) {
            var algorithm = OfflineAlgorithms.frames(rc.algorithm(), rc.envId());
            FrameConfig config = HyperParameters.fromMap(rc.hyperparameters(), algorithm.configType());
            rc = run.extendTo(o.steps());
            t = new OfflineTrainer(config, run, rc, frames(algorithm, config, rc, frames.forResume(rc.dataset()).data()));
        } else {
            var algorithm = OfflineAlgorithms.get(rc.algorithm());
            OfflineConfig config = HyperParameters.fromMap(rc.hyperparameters(), algorithm.configType());
            rc = run.extendTo(o.steps());
            t = new OfflineTrainer(config, run, rc, vectors(algorithm, config, rc, TrainingData.forResume(rc.dataset()).data()));
        }
        List<Long> checkpoints = run.checkpointSteps();
        if (checkpoints.isEmpty()) {
            MetricsLog.truncateAfter(run.metricsFile(), -1);
        } else {
            t.restore(checkpoints.get(checkpoints.size() - 1));
        }
        return t;
    }

    private void loop(long stopAfter) {
        long sessionStart = step;
        long lastLogStep = step;
        long lastLogTime = System.nanoTime();
        Map<String, Double> sums = new LinkedHashMap<>();
        try (MetricsLog metrics = run.metrics()) {
            while (step < totalSteps) {
                Map<String, Double> losses = bound.step(config.batchSize(), rng);
                losses.forEach((k, v) -> sums.merge(k, v, Double::sum));
                step++;
                if (step % config.logEvery() == 0 || step == totalSteps) {
                    long now = System.nanoTime();
                    long n = step - lastLogStep;
                    Map<String, Object> line = new LinkedHashMap<>();
                    sums.forEach((k, v) -> line.put(k, v / n));
                    line.put("steps_per_second", n / ((now - lastLogTime) / 1e9));
                    metrics.write(step, "train", line);
                    progress.update(step, totalSteps, sums.containsKey("actor_loss")
                            ? String.format("actor %.4f", sums.get("actor_loss") / n)
                            : String.format("loss %.4f", sums.getOrDefault("loss", 0.0) / n));
                    sums.clear();
                    lastLogStep = step;
                    lastLogTime = now;
                }
                if (step % config.checkpointEvery() == 0 || step == totalSteps) {
                    checkpoint();
                }
                if (stopAfter > 0 && step - sessionStart >= stopAfter) {
                    return;
                }
            }
        }
    }

    private void checkpoint() {
        State state = new State(step, rng.state());
        Path folder = run.saveCheckpoint(run.config().algorithm(), step, Map.of(), dir -> {
            List<String> files = new ArrayList<>(bound.learner().save(dir));
            Records.write(dir.resolve(STATE_FILE), state);
            files.add(STATE_FILE);
            return files;
        });
        CheckpointEvent event = new CheckpointEvent(run.path(), step, folder, Map.of());
        for (CheckpointListener l : listeners) {
            l.onCheckpoint(event);
        }
    }

    private void restore(long checkpointStep) {
        Path dir = run.checkpoint(checkpointStep);
        try {
            bound.learner().load(dir);
            State s = Json.mapper().readValue(dir.resolve(STATE_FILE).toFile(), State.class);
            step = s.step();
            rng.restore(s.random());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + dir + ": " + e.getMessage(), e);
        }
        MetricsLog.truncateAfter(run.metricsFile(), step);
        run.deleteCheckpointsAfter(step);
    }
}
