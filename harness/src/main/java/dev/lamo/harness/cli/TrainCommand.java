package dev.lamo.harness.cli;

import dev.lamo.harness.train.TrainingJob;
import dev.lamo.policies.registry.Algorithm;
import dev.lamo.policies.registry.Algorithms;
import dev.lamo.results.records.JobStatus;
import dev.lamo.results.records.RunConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lamo train}: trains one algorithm into a run directory (config.json, metrics.jsonl, checkpoints). */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a policy: lamo, dt, cql, td3bc, iql or bc (offline, from --data) or sac (online). Writes RUN_DIR/config.json, "
                + "metrics.jsonl and checkpoints/step_N; --resume continues exactly from the latest checkpoint.")
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--algo", description = "Algorithm (required unless --resume): lamo, dt (offline, sequence models), cql, "
            + "td3bc, iql, bc (offline baselines; on pixel games cql and bc train their discrete versions on frames) or "
            + "sac (online).")
    String algorithm;

    @Option(names = "--variant", description = "A named variant instead of --algo: an algorithm with preset settings, "
            + "recorded in the run and shown as its own table column (lamo-nopt, lamo-full, lamo-frozen, dt-original, "
            + "or any algorithm's name).")
    String variant;

    @Option(names = "--data", description = "Offline dataset (every algorithm but sac).")
    Path data;

    @Option(names = "--ratio", description = "Keep this fraction of the dataset's trajectories, in (0, 1].")
    Double ratio;

    @Option(names = "--sample-seed", description = "Seed of the down-sampling (default 0).")
    Long sampleSeed;

    @Option(names = "--lm", description = "Language model folder for LaMo (default: the small LM shipped in "
            + "models/default-lm; a Hugging Face GPT-2 folder such as GPT-2 small works too).")
    Path lm;

    @Option(names = "--corpus", description = "Text for the auxiliary language loss (default: .corpus).")
    Path corpus;

    @Option(names = "--env", description = "Environment id (required unless --resume).")
    String envId;

    @Option(names = "--steps", description = "Training steps (default: lamo and dt 100000, sac 300000, the offline "
            + "baselines 1000000 as CORL, or 100000 on pixel games).")
    Long steps;

    @Option(names = "--seed", defaultValue = "0", description = "Training seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--set", description = "Override a hyper-parameter: --set key=value (repeatable; keys as in config.json).")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--out", description = "Run directory (required unless --status); status.json there beats while it trains.")
    Path out;

    @Option(names = "--resume", description = "Continue the run in --out from its latest checkpoint.")
    boolean resume;

    @Option(names = "--eval-every", description = "Evaluate the checkpoint every STEPS steps (and the last) with the "
            + "harness while training; results in RUN_DIR/eval.")
    Long evalEvery;

    @Option(names = "--eval-episodes", defaultValue = "20", description = "Episodes per target in those evaluations (default: ${DEFAULT-VALUE}).")
    int evalEpisodes;

    @Option(names = "--eval-seed", defaultValue = "0", description = "Seed of those evaluations (default: ${DEFAULT-VALUE}).")
    long evalSeed;

    @picocli.CommandLine.Mixin
    RuntimeOptions runtimeOptions;

    @Option(names = "--status", paramLabel = "DIR", description = "Print the status of the training run in DIR (running, "
            + "finished, failed, or interrupted when its status.json is older than 60 s) and exit.")
    Path status;

    @Override
    public Integer call() {
        if (status != null) {
            JobStatusReport.print(spec.commandLine().getOut(), status, java.time.Instant.now(), JobStatus.STALE_AFTER);
            return 0;
        }
        if (out == null) {
            throw new BadInputException("--out is required (or --status DIR)");
        }
        if (variant != null) {
            String runs = Algorithms.variant(variant).algorithm();
            if (algorithm != null && !algorithm.equals(runs)) {
                throw new BadInputException("--variant " + variant + " runs " + runs + ", not --algo " + algorithm);
            }
            algorithm = runs;
        }
        if (!resume && (envId == null || algorithm == null)) {
            throw new BadInputException("--algo (or --variant) and --env are required for a new run");
        }
        if (resume) {
            Path config = out.resolve("config.json");
            if (!Files.exists(config)) {
                throw new BadInputException("--resume: " + config + " not found (is --out a run directory?)");
            }
            RunConfig recorded = RunConfig.read(config);
            if (algorithm != null && !algorithm.equals(recorded.algorithm())) {
                throw new BadInputException("--algo " + algorithm + " does not match the run in " + out + " ("
                        + recorded.algorithm() + ")");
            }
            algorithm = recorded.algorithm();
            variant = recorded.variant();
        }
        Algorithm chosen = Algorithms.get(algorithm);
        Path model = lm;
        if (chosen.usesLanguageModel() && model == null && !resume) {
            model = LamoPaths.requireDefaultLanguageModel();
        }
        TrainingJob job = new TrainingJob(variant != null ? variant : algorithm, envId, data, ratio, sampleSeed, model,
                corpus != null ? corpus : LamoPaths.corpus(), steps, seed, out, resume, overrides,
                evalEvery == null ? null : new TrainingJob.Evaluate(evalEvery, evalEpisodes, evalSeed,
                        runtimeOptions.runtime(), runtimeOptions.policyThreads()));
        Progress bar = new Progress(spec.commandLine().getErr(), "train " + job.variant(), 1);
        PrintWriter err = spec.commandLine().getErr();
        job.run((done, total, extra) -> bar.update(done, total, extra), outcome -> {
            var results = outcome.summary().results();
            long step = results.get(results.size() - 1).checkpointStep();
            double best = results.stream().filter(r -> r.checkpointStep() == step)
                    .mapToDouble(r -> r.normalizedMean()).max().orElse(Double.NaN);
            err.printf("%nevaluated step %d: best target's normalised score %.2f%n", step, best);
        });
        spec.commandLine().getOut().println("run written to " + out);
        return 0;
    }
}
