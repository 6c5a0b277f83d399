package dev.lamo.policies.dt;

import dev.lamo.envs.EnvRegistry;
import dev.lamo.envs.EnvSpec;
import dev.lamo.envs.Json;
import dev.lamo.envs.Seeds;
import dev.lamo.envs.arcade.AleProtocol;
import dev.lamo.envs.arcade.ArcadeTitle;
import dev.lamo.envs.data.DatasetStatistics;
import dev.lamo.envs.data.TrajectoryDataset;
import dev.lamo.envs.data.frames.FrameDataset;
import dev.lamo.policies.djl.CheckpointableRandom;
import dev.lamo.policies.djl.DjlRuntime;
import dev.lamo.policies.gpt2.Gpt2Checkpoint;
import dev.lamo.policies.gpt2.Gpt2Config;
import dev.lamo.policies.lm.LanguageModelEvaluation;
import dev.lamo.policies.lm.TextCorpus;
import dev.lamo.policies.lm.TokenBlocks;
import dev.lamo.policies.lora.LoraSettings;
import dev.lamo.policies.run.CheckpointListener;
import dev.lamo.policies.run.FloatArrays;
import dev.lamo.policies.run.HyperParameters;
import dev.lamo.policies.run.RunDirectory;
import dev.lamo.policies.run.TrainingData;
import dev.lamo.policies.run.TrainingProgress;
import dev.lamo.policies.run.TrainingRequest;
import dev.lamo.policies.run.TrainingRun;
import dev.lamo.results.records.DatasetRef;
import dev.lamo.results.records.RunConfig;
import dev.lamo.results.records.RunFacts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Sets up LaMo and Decision Transformer runs (spec §4): the data, the network's shape, the language model, the
 * text of the auxiliary loss and the facts config.json records; {@link DtLearner} holds the update step and
 * {@link TrainingRun} the run's cadence. On the arcade games the Atari path (spec §7, {@link DtConfig#arcade}):
 * frames and discrete actions, right-padded windows, warm-up then cosine decay.
 */
public final class DtTrainer {

    /** The algorithms this trainer runs. */
    public static final java.util.Set<String> ALGORITHMS = java.util.Set.of("lamo", "dt");

    private DtTrainer() {
    }

    /** Starts or resumes a run and trains it to its total step count (or until {@code stopAfter}). */
    public static void train(TrainingRequest o, List<CheckpointListener> listeners, TrainingProgress progress) {
        DjlRuntime.configure();
        TrainingRun run = o.resume() ? resume(o) : start(o);
        run.train(o.stopAfter(), listeners, progress);
    }

    /**
     * Whether a run's updates never read its planned total: true under the constant schedule (only the cosine decay
     * spans the total), so such a run may be resumed with another total.
     */
    public static boolean updatesIgnoreTotal(RunConfig run) {
        return "constant".equals(run.hyperparameters().get("schedule"));
    }

    /** Steps of a run that names none: 100,000, or Table 6's budget on an arcade game. */
    public static long defaultSteps(String envId) {
        return EnvRegistry.observesFrames(envId) ? DtConfig.arcadeSteps(ArcadeTitle.parse(envId)) : 100_000;
    }

    // ----------------------------------------------------------------------------------------------------
    // set-up

    private static TrainingRun start(TrainingRequest o) {
        if (!ALGORITHMS.contains(o.algorithm())) {
            throw new IllegalArgumentException("--algo must be lamo or dt, got " + o.algorithm());
        }
        EnvSpec spec = EnvRegistry.spec(o.envId());
        boolean pixels = EnvRegistry.observesFrames(spec.id());
        DtConfig config = HyperParameters.apply(DtConfig.defaults(o.algorithm(), spec.id(), o.overrides()),
                o.overrides());
        long steps = o.stepsOr(defaultSteps(spec.id()));
        RunFacts facts;
        DatasetRef ref;
        DtModel.Architecture arch;
        FrameDataset frames = null;
        TrajectoryDataset trajectories = null;
        if (pixels) {
            TrainingData<FrameDataset> training = TrainingData.forNewRun(TrainingData.FRAMES, o.data(), o.envId(),
                    o.ratio(), o.sampleSeed());
            frames = training.data();
            ref = training.ref();
            arch = architecture(o, config, spec, frames.frameStack(), frames.actionCount(), true);
            facts = RunFacts.of(RunFacts.Observation.frames(frames.frameStack(), AleProtocol.FRAME_BYTES, frames.actionCount()))
                    .withDatasetReturnMean(Arrays.stream(frames.episodeReturns()).average().orElse(0));
        } else {
            TrainingData<TrajectoryDataset> training = TrainingData.forNewRun(o.data(), o.envId(), o.ratio(), o.sampleSeed());
            trajectories = training.data();
            ref = training.ref();
            DatasetStatistics stats = DatasetStatistics.of(trajectories);
            arch = architecture(o, config, spec, trajectories.observationSize(), trajectories.actionSize(), false);
            facts = RunFacts.of(RunFacts.Observation.vector(trajectories.observationSize()))
                    .withStateNormalization(new RunFacts.StateNormalization(FloatArrays.of(stats.observationMean()),
                            FloatArrays.of(stats.observationStd())))
                    .withDatasetReturnMean(stats.returnMean());
        }
        int[] split = validationSplit(ref.episodes(), config.validationFraction(), o.seed());
        facts = facts.withArchitecture(HyperParameters.asMap(arch))
                .withSequence(config.contextFor(o.envId()), config.maxEpisodeLengthFor(o.envId(), spec.maxEpisodeSteps()),
                        config.returnScale() != null ? config.returnScale() : spec.returnScale())
                .withValidationEpisodes(split.length);
        if (o.lm() != null) {
            facts = facts.withLanguageModel(lmProvenance(o.lm()));
        }
        RunConfig rc = RunConfig.of(o.algorithm(), o.variant(), spec.id(), spec.version(), ref, o.seed(), steps,
                HyperParameters.asMap(config), facts, EnvRegistry.simulator(spec.id()), spec.clipActions());
        RunDirectory run = RunDirectory.create(o.runDir(), rc);
        WindowSource data = pixels ? WindowSource.of(rc, config, frames) : WindowSource.of(rc, trajectories);
        return build(config, run, rc, data, split, o.corpus());
    }

    private static TrainingRun resume(TrainingRequest o) {
        RunDirectory run = TrainingRun.openForResume(o, ALGORITHMS::contains, "lamo or dt");
        RunConfig rc = run.config();
        DtConfig config = HyperParameters.fromMap(rc.hyperparameters(), DtConfig.class);
        WindowSource data = rc.facts().observation().isFrames()
                ? WindowSource.of(rc, config, TrainingData.forResume(TrainingData.FRAMES, rc.dataset()).data())
                : WindowSource.of(rc, TrainingData.forResume(TrainingData.VECTORS, rc.dataset()).data());
        int[] split = validationSplit(data.episodes(), config.validationFraction(), rc.seed());
        return build(config, run, rc, data, split, o.corpus()).restoreLatest();
    }

    private static TrainingRun build(DtConfig config, RunDirectory run, RunConfig rc, WindowSource data,
                                     int[] validationEpisodes, Path corpus) {
        DtModel.Architecture arch = DtModel.Architecture.of(rc);
        DtModel model = new DtModel(arch, Seeds.rng(Seeds.derive(rc.seed(), 0x1417)));
        TokenBlocks text = null;
        if (config.lmLossWeight() > 0) {
            text = textBlocks(config, arch, corpus, rc.seed());
        }
        boolean[] held = new boolean[data.episodes()];
        for (int e : validationEpisodes) {
            held[e] = true;
        }
        int[] train = java.util.stream.IntStream.range(0, data.episodes()).filter(e -> !held[e]).toArray();
        DtLearner learner = new DtLearner(config, rc.steps(), rc.seed(), model, data.windows(train),
                validationEpisodes.length > 0 ? data.windows(validationEpisodes) : null, text);
        return new TrainingRun(run, rc, learner, new TrainingRun.Cadence(config.logEvery(), config.checkpointEvery()));
    }

    /** A run's loaded data: how many episodes it has, and windows drawn from some of them. */
    interface WindowSource {

        int episodes();

        DtWindows windows(int[] episodes);

        static WindowSource of(RunConfig rc, TrajectoryDataset data) {
            RunFacts.StateNormalization norm = RunFacts.require(rc.facts().stateNormalization(), "state_normalization",
                    rc.envId() + " run");
            float[] mean = norm.mean();
            float[] std = norm.std();
            return new WindowSource() {
                public int episodes() {
                    return data.episodes();
                }

                public DtWindows windows(int[] episodes) {
                    return new TrajectoryWindows(data, episodes, rc.facts().contextLength(),
                            rc.facts().maxEpisodeLength(), rc.facts().returnScale(), mean, std);
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
                    return new FrameWindows(data, episodes, rc.facts().contextLength(), rc.facts().maxEpisodeLength(),
                            rc.facts().returnScale(), padding, config.rtgExcludesCurrentReward());
                }
            };
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

    private static TokenBlocks textBlocks(DtConfig config, DtModel.Architecture arch, Path corpus, long seed) {
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
    private static DtModel.Architecture architecture(TrainingRequest o, DtConfig c, EnvSpec spec, int obsDim, int actDim, boolean pixels) {
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
        return new DtModel.Architecture(backbone, lora, obsDim, actDim,
                c.maxEpisodeLengthFor(o.envId(), spec.maxEpisodeSteps()), c.mlpFor(o.envId()),
                !pixels && c.timestepAfterLayerNorm(), c.isLamo() ? c.finetune() : "full", lmDir, lmSha,
                pixels ? new DtModel.PixelPath(c.tanhLogits(), false) : null);
    }

    private static RunFacts.LanguageModel lmProvenance(Path lm) {
        Path pre = lm.resolve("pretraining.json");
        try {
            return new RunFacts.LanguageModel(lm.toAbsolutePath().toString(), DtModel.lmSha256(lm),
                    Files.isRegularFile(pre) ? Json.mapper().readTree(pre.toFile()) : null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pre + ": " + e.getMessage(), e);
        }
    }
}
