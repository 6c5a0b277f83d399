package dev.lamo.policies.offline;

import dev.lamo.envs.EnvRegistry;
import dev.lamo.envs.EnvSpec;
import dev.lamo.envs.Json;
import dev.lamo.envs.Seeds;
import dev.lamo.envs.data.DatasetStatistics;
import dev.lamo.envs.data.TrajectoryDataset;
import dev.lamo.envs.mujoco.MujocoRuntime;
import dev.lamo.envs.spaces.BoxSpace;
import dev.lamo.policies.djl.CheckpointableRandom;
import dev.lamo.policies.djl.DjlRuntime;
import dev.lamo.policies.run.CheckpointEvent;
import dev.lamo.policies.run.CheckpointListener;
import dev.lamo.policies.run.FloatArrays;
import dev.lamo.policies.run.HyperParameters;
import dev.lamo.policies.run.RunDirectory;
import dev.lamo.policies.run.TrainingData;
import dev.lamo.policies.run.TrainingProgress;
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

/**
 * Trains an offline baseline (CQL, TD3+BC, IQL, BC) on a dataset, in the same run layout as every trainer:
 * config.json with the hyper-parameters and the normalisation, metrics.jsonl, and checkpoints holding the
 * networks, the optimizers and the minibatch generator, so that {@code --resume} continues bit for bit.
 */
public final class OfflineTrainer {

    static final String STATE_FILE = "trainer_state.json";

    /**
     * @param steps     gradient steps in total; null on resume keeps the recorded total (default 1,000,000 as CORL)
     * @param stopAfter stop (as if interrupted) after this many steps in this session; 0 for no stop
     */
    public record Options(String algorithm, String envId, Path data, Double ratio, Long sampleSeed, Long steps, long seed,
                          Path runDir, boolean resume, List<String> overrides, long stopAfter) {
    }

    /** The part of a checkpoint that is not tensors. */
    record State(long step, long[] random) {
    }

    private final OfflineConfig config;
    private final RunDirectory run;
    private final long totalSteps;
    private final Transitions transitions;
    private final OfflineLearner learner;
    private final CheckpointableRandom rng;
    private final List<CheckpointListener> listeners = new ArrayList<>();
    private TrainingProgress progress = TrainingProgress.NONE;
    private long step;

    private OfflineTrainer(OfflineAlgorithms.Algorithm<?> algorithm, OfflineConfig config, RunDirectory run, RunConfig rc,
                           TrajectoryDataset data) {
        this.config = config;
        this.run = run;
        this.totalSteps = rc.steps();
        Map<String, Object> x = rc.extra();
        BoxSpace actions = actionSpace(rc.envId());
        this.transitions = Transitions.of(data, FloatArrays.of(x.get("state_mean")), FloatArrays.of(x.get("state_std")),
                ((Number) x.get("reward_scale")).doubleValue(), actions.low(), actions.high());
        this.learner = algorithm.learner(config, data.observationSize(), data.actionSize(), totalSteps,
                Seeds.rng(Seeds.derive(rc.seed(), 0x1417)));
        this.rng = new CheckpointableRandom(Seeds.derive(rc.seed(), 0xBA7C));
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
        DjlRuntime.configure();
        OfflineTrainer t = o.resume() ? resume(o) : start(o);
        t.listeners.addAll(listeners);
        t.progress = progress;
        try {
            t.loop(o.stopAfter());
        } finally {
            t.learner.close();
        }
    }

    private static OfflineTrainer start(Options o) {
        OfflineAlgorithms.Algorithm<?> algorithm = OfflineAlgorithms.get(o.algorithm());
        OfflineConfig config = HyperParameters.apply(algorithm.defaults(), o.overrides());
        long steps = o.steps() == null ? 1_000_000 : o.steps();
        if (steps < 1) {
            throw new IllegalArgumentException("--steps must be >= 1, got " + steps);
        }
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
        return new OfflineTrainer(algorithm, config, run, rc, data);
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

    private static OfflineTrainer resume(Options o) {
        RunDirectory run = RunDirectory.open(o.runDir());
        RunConfig rc = run.config();
        if (!OfflineAlgorithms.contains(rc.algorithm())) {
            throw new IllegalArgumentException(o.runDir() + " holds a " + rc.algorithm() + " run, not an offline baseline");
        }
        OfflineAlgorithms.Algorithm<?> algorithm = OfflineAlgorithms.get(rc.algorithm());
        OfflineConfig config = HyperParameters.fromMap(rc.hyperparameters(), algorithm.configType());
        rc = run.extendTo(o.steps());
        long steps = rc.steps();
        OfflineTrainer t = new OfflineTrainer(algorithm, config, run, rc, TrainingData.forResume(rc.dataset()).data());
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
                Map<String, Double> losses = learner.update(transitions.sample(config.batchSize(), rng), rng);
                losses.forEach((k, v) -> sums.merge(k, v, Double::sum));
                step++;
                if (step % config.logEvery() == 0 || step == totalSteps) {
                    long now = System.nanoTime();
                    long n = step - lastLogStep;
                    Map<String, Object> line = new LinkedHashMap<>();
                    sums.forEach((k, v) -> line.put(k, v / n));
                    line.put("steps_per_second", n / ((now - lastLogTime) / 1e9));
                    metrics.write(step, "train", line);
                    progress.update(step, totalSteps, String.format("actor %.4f", sums.getOrDefault("actor_loss", 0.0) / n));
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
            List<String> files = new ArrayList<>(learner.save(dir));
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
            learner.load(dir);
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
