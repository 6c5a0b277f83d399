package dev.lamo.policies.dt;

import dev.lamo.policies.nn.Scalars;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.lamo.envs.EnvRegistry;
import dev.lamo.envs.EnvSpec;
import dev.lamo.envs.Json;
import dev.lamo.envs.Seeds;
import dev.lamo.envs.data.DatasetStatistics;
import dev.lamo.envs.data.TrajectoryDataset;
import dev.lamo.envs.arcade.ArcadeTitle;
import dev.lamo.envs.data.frames.FrameDataset;
import dev.lamo.policies.run.FrameTrainingData;
import dev.lamo.policies.djl.CheckpointableRandom;
import dev.lamo.policies.djl.DjlRuntime;
import dev.lamo.policies.gpt2.Gpt2Checkpoint;
import dev.lamo.policies.gpt2.Gpt2Config;
import dev.lamo.policies.lm.LanguageModelEvaluation;
import dev.lamo.policies.lm.LanguageModelLoss;
import dev.lamo.policies.lm.TextCorpus;
import dev.lamo.policies.lm.TokenBlocks;
import dev.lamo.policies.lora.LoraSettings;
import dev.lamo.policies.nn.AdamW;
import dev.lamo.policies.run.CheckpointEvent;
import dev.lamo.policies.run.CheckpointListener;
import dev.lamo.policies.run.HyperParameters;
import dev.lamo.policies.run.RunDirectory;
import dev.lamo.policies.run.FloatArrays;
import dev.lamo.policies.run.TrainingData;
import dev.lamo.policies.run.TrainingDivergedException;
import dev.lamo.policies.run.TrainingProgress;
import dev.lamo.results.records.DatasetRef;
import dev.lamo.results.records.MetricsLog;
import dev.lamo.results.records.Records;
import dev.lamo.results.records.RunConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains LaMo or the Decision Transformer offline (spec §4): action regression (masked MSE over the padded
 * windows) plus, when λ &gt; 0, the next-token loss of the backbone on text blocks; AdamW (eps 1e-6, weight
 * decay 1e-5) at lr 1e-4 after a linear warm-up over 2500 steps, then constant; gradients clipped to a global
 * L2 norm of 0.25. On the arcade games the Atari path (spec §7, {@link DtConfig#arcade}): frames and discrete
 * actions, masked cross-entropy over right-padded windows, warm-up then cosine decay.
 *
 * <p>Every random choice comes from one checkpointable generator (minibatches) and a per-step seed of the
 * engine's generator (dropout), so {@code --resume} continues exactly from a checkpoint's weights, optimizer
 * moments, generator and text position.
 */
public final class DtTrainer {

    static final String MODEL_FILE = "model.safetensors";
    static final String OPTIMIZER_FILE = "optimizer.safetensors";
    static final String STATE_FILE = "trainer_state.json";
    /** config.json's {@code observation} for runs on stacked frames. */
    static final String FRAMES = "frames";
    private static final int VALIDATION_BATCHES = 4;
    /** Updates with non-finite gradients in a row before training stops as diverged. */
    static final int MAX_CONSECUTIVE_SKIPS = 10;

    /**
     * @param algorithm  lamo or dt
     * @param envId      environment the data belong to
     * @param data       dataset file
     * @param ratio      fraction of trajectories kept (null: all)
     * @param sampleSeed seed of the down-sampling
     * @param lm         language model folder (LaMo)
     * @param corpus     text for the auxiliary language loss (used when λ &gt; 0)
     * @param steps      gradient steps (null on resume: as recorded)
     * @param seed       training seed
     * @param runDir     run directory
     * @param resume     continue the run from its latest checkpoint
     * @param overrides  key=value hyper-parameter overrides
     * @param stopAfter  stop after this many steps in this session (0: no stop)
     */
    public record Options(String algorithm, String envId, Path data, Double ratio, Long sampleSeed, Path lm, Path corpus,
                          Long steps, long seed, Path runDir, boolean resume, List<String> overrides, long stopAfter) {
    }

    /** The part of a checkpoint that is not tensors. */
    record State(long step, long[] random, int textPosition) {
    }

    private final DtConfig config;
    private final RunDirectory run;
    private final RunConfig runConfig;
    private final long totalSteps;
    private final long seed;
    private final DtModel model;
    private final AdamW optimizer;
    private final ParameterStore store;
    private final DtWindows windows;
    private final List<DtBatch> validation;
    private final TokenBlocks text;
    private final CheckpointableRandom rng;
    private final List<CheckpointListener> listeners = new ArrayList<>();
    private TrainingProgress progress = TrainingProgress.NONE;
    private long step;

    private DtTrainer(DtConfig config, RunDirectory run, RunConfig runConfig, long totalSteps, WindowSource data,
                      int[] trainEpisodes, int[] validationEpisodes, DtModel model, TokenBlocks text) {
        this.config = config;
        this.run = run;
        this.runConfig = runConfig;
        this.totalSteps = totalSteps;
        this.seed = runConfig.seed();
        this.model = model;
        this.store = new ParameterStore(model.manager(), false);
        this.optimizer = new AdamW(model.trainable(), new AdamW.Settings(0.9, 0.999, config.adamEps(), config.weightDecay()),
                model.manager());
        this.windows = data.windows(trainEpisodes);
        this.validation = new ArrayList<>();
        if (validationEpisodes.length > 0) {
            DtWindows v = data.windows(validationEpisodes);
            CheckpointableRandom vr = new CheckpointableRandom(Seeds.derive(seed, 0x7A1));
            for (int i = 0; i < VALIDATION_BATCHES; i++) {
                validation.add(v.sample(config.batchSize(), vr));
            }
        }
        this.text = text;
        this.rng = new CheckpointableRandom(Seeds.derive(seed, 0xBA7C));
    }

    /** Starts or resumes a run and trains it to its total step count (or until {@code stopAfter}). */
    public static void train(Options o, List<CheckpointListener> listeners, TrainingProgress progress) {
        DjlRuntime.configure();
        DtTrainer t = o.resume() ? resume(o) : start(o);
        t.listeners.addAll(listeners);
        t.progress = progress;
        try {
            t.loop(o.stopAfter());
        } finally {
            t.close();
        }
    }

    // ----------------------------------------------------------------------------------------------------
    // set-up

    private static DtTrainer start(Options o) {
        if (!o.algorithm().equals("lamo") && !o.algorithm().equals("dt")) {
            throw new IllegalArgumentException("--algo must be lamo or dt, got " + o.algorithm());
        }
        EnvSpec spec = EnvRegistry.spec(o.envId());
        boolean pixels = ArcadeTitle.contains(spec.id());
        DtConfig defaults = pixels ? DtConfig.arcade(o.algorithm(), ArcadeTitle.parse(spec.id()))
                : DtConfig.defaultsFor(o.algorithm(), o.overrides());
        DtConfig config = HyperParameters.apply(defaults, o.overrides());
        long steps = o.steps() != null ? o.steps() : pixels ? DtConfig.arcadeSteps(ArcadeTitle.parse(spec.id())) : 100_000;
        if (steps < 1) {
            throw new IllegalArgumentException("--steps must be >= 1, got " + steps);
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        DatasetRef ref;
        Architecture arch;
        FrameDataset frames = null;
        TrajectoryDataset trajectories = null;
        if (pixels) {
            FrameTrainingData training = FrameTrainingData.forNewRun(o.data(), o.envId(), o.ratio(), o.sampleSeed());
            frames = training.data();
            ref = training.ref();
            arch = architecture(o, config, spec, frames.frameStack(), frames.actionCount(), true);
            extra.put("architecture", arch.asMap());
            extra.put("observation", FRAMES);
            extra.put("dataset_return_mean", Arrays.stream(frames.episodeReturns()).average().orElse(0));
        } else {
            TrainingData training = TrainingData.forNewRun(o.data(), o.envId(), o.ratio(), o.sampleSeed());
            trajectories = training.data();
            ref = training.ref();
            DatasetStatistics stats = DatasetStatistics.of(trajectories);
            arch = architecture(o, config, spec, trajectories.observationSize(), trajectories.actionSize(), false);
            extra.put("architecture", arch.asMap());
            extra.put("state_mean", FloatArrays.of(stats.observationMean()));
            extra.put("state_std", FloatArrays.of(stats.observationStd()));
            extra.put("dataset_return_mean", stats.returnMean());
        }
        extra.put("context_length", config.contextFor(o.envId()));
        extra.put("max_episode_length", config.maxEpisodeLengthFor(o.envId(), spec.maxEpisodeSteps()));
        extra.put("return_scale", config.returnScale() != null ? config.returnScale() : spec.returnScale());
        if (o.lm() != null) {
            extra.put("lm", lmProvenance(o.lm()));
        }
        int[] split = validationSplit(ref.episodes(), config.validationFraction(), o.seed());
        extra.put("validation_episodes", split.length);
        RunConfig rc = RunConfig.of(o.algorithm(), spec.id(), spec.version(), ref, o.seed(), steps,
                HyperParameters.asMap(config), extra, EnvRegistry.simulator(spec.id()),
                spec.clipActions());
        RunDirectory run = RunDirectory.create(o.runDir(), rc);
        WindowSource data = pixels ? WindowSource.of(rc, config, frames) : WindowSource.of(rc, trajectories);
        return build(config, run, rc, steps, data, split, o.corpus());
    }

    private static DtTrainer resume(Options o) {
        RunDirectory run = RunDirectory.open(o.runDir());
        RunConfig rc = run.config();
        if (!rc.algorithm().equals("lamo") && !rc.algorithm().equals("dt")) {
            throw new IllegalArgumentException(o.runDir() + " holds a " + rc.algorithm() + " run, not lamo or dt");
        }
        DtConfig config = HyperParameters.fromMap(rc.hyperparameters(), DtConfig.class);
        rc = run.extendTo(o.steps());
        long steps = rc.steps();
        WindowSource data = FRAMES.equals(rc.extra().get("observation"))
                ? WindowSource.of(rc, config, FrameTrainingData.forResume(rc.dataset()).data())
                : WindowSource.of(rc, TrainingData.forResume(rc.dataset()).data());
        int[] split = validationSplit(data.episodes(), config.validationFraction(), rc.seed());
        DtTrainer t = build(config, run, rc, steps, data, split, o.corpus());
        List<Long> checkpoints = run.checkpointSteps();
        if (checkpoints.isEmpty()) {
            MetricsLog.truncateAfter(run.metricsFile(), -1);
        } else {
            t.restore(checkpoints.get(checkpoints.size() - 1));
        }
        return t;
    }

    private static DtTrainer build(DtConfig config, RunDirectory run, RunConfig rc, long steps, WindowSource data,
                                   int[] validationEpisodes, Path corpus) {
        Architecture arch = Architecture.fromMap(rc.extra().get("architecture"));
        DtModel model = new DtModel(arch.model(), Seeds.rng(Seeds.derive(rc.seed(), 0x1417)));
        TokenBlocks text = null;
        if (config.lmLossWeight() > 0) {
            text = textBlocks(config, arch, corpus, rc.seed());
        }
        boolean[] held = new boolean[data.episodes()];
        for (int e : validationEpisodes) {
            held[e] = true;
        }
        int[] train = java.util.stream.IntStream.range(0, data.episodes()).filter(e -> !held[e]).toArray();
        return new DtTrainer(config, run, rc, steps, data, train, validationEpisodes, model, text);
    }

    /** A run's loaded data: how many episodes it has, and windows drawn from some of them. */
    interface WindowSource {

        int episodes();

        DtWindows windows(int[] episodes);

        static WindowSource of(RunConfig rc, TrajectoryDataset data) {
            Map<String, Object> x = rc.extra();
            float[] mean = FloatArrays.of(x.get("state_mean"));
            float[] std = FloatArrays.of(x.get("state_std"));
            return new WindowSource() {
                public int episodes() {
                    return data.episodes();
                }

                public DtWindows windows(int[] episodes) {
                    return new TrajectoryWindows(data, episodes, contextLength(rc), maxEpisodeLength(rc), returnScale(rc),
                            mean, std);
                }
            };
        }

        static WindowSource of(RunConfig rc, DtConfig config, FrameDataset data) {
            FrameDataset.StackPadding padding = config.zeroFramePadding() ? FrameDataset.StackPadding.ZEROS
                    : FrameDataset.StackPadding.REPEAT_FIRST;
            return new WindowSource() {
                public int episodes() {
                    return data.episodes();
                }

                public DtWindows windows(int[] episodes) {
                    return new FrameWindows(data, episodes, contextLength(rc), maxEpisodeLength(rc), returnScale(rc), padding,
                            config.rtgExcludesCurrentReward());
                }
            };
        }

        private static int contextLength(RunConfig rc) {
            return ((Number) rc.extra().get("context_length")).intValue();
        }

        private static int maxEpisodeLength(RunConfig rc) {
            return ((Number) rc.extra().get("max_episode_length")).intValue();
        }

        private static double returnScale(RunConfig rc) {
            return ((Number) rc.extra().get("return_scale")).doubleValue();
        }
    }

    /** Episodes held out for the validation loss: none unless the data have at least 20 episodes. */
    static int[] validationSplit(int episodes, double fraction, long seed) {
        if (fraction <= 0 || episodes < 20) {
            return new int[0];
        }
        int n = Math.max(1, (int) Math.floor(episodes * fraction));
        int[] order = java.util.stream.IntStream.range(0, episodes).toArray();
        CheckpointableRandom r = new CheckpointableRandom(Seeds.derive(seed, 0x5A1));
        for (int i = 0; i < n; i++) {
            int j = i + r.nextInt(episodes - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] held = Arrays.copyOf(order, n);
        Arrays.sort(held);
        return held;
    }

    private static TokenBlocks textBlocks(DtConfig config, Architecture arch, Path corpus, long seed) {
        if (corpus == null) {
            throw new IllegalArgumentException("lm_loss_weight > 0 needs a text corpus (--corpus)");
        }
        if (arch.lmDirectory() == null) {
            throw new IllegalArgumentException("lm_loss_weight > 0 needs a language model backbone (--lm)");
        }
        try {
            return new TokenBlocks(TextCorpus.load(corpus).tokenize(LanguageModelEvaluation.tokenizerOf(Path.of(arch.lmDirectory()))),
                    config.lmBlockLength(), Seeds.derive(seed, 0x7E47));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The network's shape for an algorithm, environment and language model; on the Atari path obsDim is the
     * frame stack and actDim the number of actions.
     */
    private static Architecture architecture(Options o, DtConfig c, EnvSpec spec, int obsDim, int actDim, boolean pixels) {
        Gpt2Config backbone;
        String lmDir = null;
        String lmSha = null;
        if (c.isLamo()) {
            if (o.lm() == null) {
                throw new IllegalArgumentException("LaMo needs a language model: --lm DIR (lamo lm pretrain makes one)");
            }
            backbone = Gpt2Checkpoint.readConfig(o.lm()).withDropout(c.dropout());
            if (c.pretrained()) {
                lmDir = o.lm().toAbsolutePath().toString();
                lmSha = DtModel.lmSha256(o.lm());
            }
        } else {
            backbone = new Gpt2Config(c.dtLayers(), c.dtHidden(), c.dtHeads(), 1024, 1, null, "relu", 1e-5, c.dropout(),
                    c.dropout(), c.dropout());
        }
        LoraSettings lora = c.usesLora() ? new LoraSettings(c.loraRank(), c.loraAlpha(), c.loraDropout(), c.loraGroups())
                : null;
        // the Atari code adds the timestep embedding before the LayerNorm, in LaMo and DT alike
        return new Architecture(new DtModel.Architecture(backbone, lora, obsDim, actDim,
                c.maxEpisodeLengthFor(o.envId(), spec.maxEpisodeSteps()), c.mlpFor(o.envId()),
                !pixels && c.timestepAfterLayerNorm(), c.isLamo() ? c.finetune() : "full", lmDir, lmSha,
                pixels ? new DtModel.PixelPath(c.tanhLogits(), false) : null));
    }

    private static Map<String, Object> lmProvenance(Path lm) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("directory", lm.toAbsolutePath().toString());
        p.put("model_sha256", DtModel.lmSha256(lm));
        Path pre = lm.resolve("pretraining.json");
        if (Files.isRegularFile(pre)) {
            try {
                p.put("pretraining", Json.mapper().readValue(pre.toFile(), Map.class));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return p;
    }

    // ----------------------------------------------------------------------------------------------------
    // the training loop

    private void loop(long stopAfter) {
        long sessionStart = step;
        long lastLogStep = step;
        long lastLogTime = System.nanoTime();
        double lossSum = 0;
        double lmLossSum = 0;
        double normSum = 0;
        int count = 0;
        int applied = 0;
        int skipped = 0;
        int consecutiveSkips = 0;
        NDManager manager = model.manager();
        try (MetricsLog metrics = run.metrics()) {
            while (step < totalSteps) {
                step++;
                // dropout masks come from the engine's generator, seeded per step so that a resumed run repeats them
                Engine.getInstance().setRandomSeed((int) Seeds.derive(seed, 0xD70, step));
                DtBatch batch = windows.sample(config.batchSize(), rng);
                try (NDScope scope = new NDScope()) {
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray loss = actionLoss(manager, batch, true);
                        NDArray total = loss;
                        if (text != null) {
                            long[] blocks = text.next(config.lmBatchSize());
                            NDArray lm = LanguageModelLoss.loss(model.network().transformer(), store, manager, blocks,
                                    config.lmBatchSize(), false, true);
                            lmLossSum += lm.getFloat();
                            total = loss.add(lm.mul(Scalars.constant(config.lmLossWeight())));
                        }
                        gc.backward(total);
                        lossSum += loss.getFloat();
                    }
                    double norm = model.trainable().clipGradientNorm(config.gradClip());
                    count++;
                    if (Double.isFinite(norm)) {
                        normSum += norm;
                        applied++;
                        optimizer.step(learningRate(step));
                        consecutiveSkips = 0;
                    } else {
                        // a rare non-finite gradient would turn every weight into NaN: skip that update, as
                        // mixed-precision training does, and stop only if it keeps happening
                        model.trainable().resetGradients(); // multiplying by zero would keep the NaN
                        skipped++;
                        if (++consecutiveSkips >= MAX_CONSECUTIVE_SKIPS) {
                            throw new TrainingDivergedException(nonFiniteGradients(step));
                        }
                    }
                    scope.suppressNotUsedWarning();
                }
                if (step % config.logEvery() == 0 || step == totalSteps) {
                    long now = System.nanoTime();
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("action_loss", lossSum / count);
                    if (text != null) {
                        line.put("lm_loss", lmLossSum / count);
                    }
                    if (!validation.isEmpty()) {
                        line.put("validation_action_loss", validationLoss());
                    }
                    line.put("grad_norm", applied == 0 ? Double.NaN : normSum / applied);
                    if (skipped > 0) {
                        line.put("skipped_updates", skipped);
                    }
                    line.put("lr", learningRate(step));
                    line.put("steps_per_second", (step - lastLogStep) / ((now - lastLogTime) / 1e9));
                    metrics.write(step, "train", line);
                    progress.update(step, totalSteps, String.format("loss %.4f", lossSum / count));
                    lossSum = 0;
                    lmLossSum = 0;
                    normSum = 0;
                    count = 0;
                    applied = 0;
                    skipped = 0;
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

    /** Fails fast, naming where, rather than train on: one non-finite gradient turns every weight into NaN. */
    private String nonFiniteGradients(long atStep) {
        List<String> names = new ArrayList<>();
        for (var e : model.trainable().asMap().entrySet()) {
            for (float v : e.getValue().getArray().getGradient().toFloatArray()) {
                if (!Float.isFinite(v)) {
                    names.add(e.getKey());
                    break;
                }
            }
        }
        return "training diverged at step " + atStep + ": non-finite gradients in " + MAX_CONSECUTIVE_SKIPS
                + " consecutive steps, at the last in " + names.size() + " tensors, first "
                + names.subList(0, Math.min(3, names.size())) + "; the last checkpoint is intact (lower lr with --set, or "
                + "resume from it)";
    }

    /**
     * Spec §4.3: linear warm-up from lr/warmup to lr over the first warmup steps, then constant; with the cosine
     * schedule (Atari path) lr · max(min_lr_ratio, ½(1 + cos(π p))) after the warm-up, p the fraction of the
     * remaining steps done.
     */
    double learningRate(long s) {
        return learningRate(config, s, totalSteps);
    }

    static double learningRate(DtConfig config, long s, long totalSteps) {
        if (s < config.warmupSteps()) {
            return config.lr() * s / config.warmupSteps();
        }
        if (config.schedule().equals("constant") || totalSteps <= config.warmupSteps()) {
            return config.lr();
        }
        double p = (double) (s - config.warmupSteps()) / (totalSteps - config.warmupSteps());
        return config.lr() * Math.max(config.minLrRatio(), 0.5 * (1 + Math.cos(Math.PI * p)));
    }

    /**
     * Masked mean squared error over real steps and action dimensions; on the Atari path the masked mean
     * cross-entropy of the logits against the actions taken.
     */
    private NDArray actionLoss(NDManager manager, DtBatch b, boolean training) {
        DtInputs in = b.inputs(manager);
        NDArray predicted = model.network().predictActions(store, in, training);
        if (model.architecture().pixels() != null) {
            NDArray logProbabilities = predicted.logSoftmax(-1);
            NDArray taken = in.actions().oneHot(model.architecture().actionSize());
            NDArray nll = logProbabilities.mul(taken).sum(new int[] {-1}).neg().mul(in.mask());
            return nll.sum().div(in.mask().sum());
        }
        NDArray mask = in.mask().expandDims(-1);
        NDArray squared = predicted.sub(in.actions()).square().mul(mask);
        return squared.sum().div(mask.sum().mul(model.architecture().actionSize()));
    }

    private double validationLoss() {
        double sum = 0;
        try (NDScope scope = new NDScope()) {
            for (DtBatch b : validation) {
                sum += actionLoss(model.manager(), b, false).getFloat();
            }
            scope.suppressNotUsedWarning();
        }
        return sum / validation.size();
    }

    // ----------------------------------------------------------------------------------------------------
    // checkpoints

    private void checkpoint() {
        State state = new State(step, rng.state(), text == null ? 0 : text.position());
        Map<String, Object> measurements = new LinkedHashMap<>();
        if (!validation.isEmpty()) {
            measurements.put("validation_action_loss", validationLoss());
        }
        Path folder = run.saveCheckpoint(runConfig.algorithm(), step, measurements, dir -> {
            model.save(dir.resolve(MODEL_FILE));
            optimizer.save(dir.resolve(OPTIMIZER_FILE));
            Records.write(dir.resolve(STATE_FILE), state);
            return List.of(MODEL_FILE, OPTIMIZER_FILE, STATE_FILE);
        });
        CheckpointEvent event = new CheckpointEvent(run.path(), step, folder, measurements);
        for (CheckpointListener l : listeners) {
            l.onCheckpoint(event);
        }
    }

    private void restore(long checkpointStep) {
        Path dir = run.checkpoint(checkpointStep);
        try {
            model.load(dir.resolve(MODEL_FILE));
            optimizer.load(dir.resolve(OPTIMIZER_FILE));
            State s = Json.mapper().readValue(dir.resolve(STATE_FILE).toFile(), State.class);
            step = s.step();
            rng.restore(s.random());
            if (text != null) {
                text.seek(s.textPosition());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + dir + ": " + e.getMessage(), e);
        }
        MetricsLog.truncateAfter(run.metricsFile(), step);
        run.deleteCheckpointsAfter(step);
    }

    private void close() {
        optimizer.close();
        model.close();
    }

    /** The architecture as recorded in config.json. */
    record Architecture(DtModel.Architecture model) {

        String lmDirectory() {
            return model.lmDirectory();
        }

        Map<String, Object> asMap() {
            return HyperParameters.asMap(model);
        }

        static Architecture fromMap(Object map) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) map;
            return new Architecture(HyperParameters.fromMap(m, DtModel.Architecture.class));
        }
    }
}
