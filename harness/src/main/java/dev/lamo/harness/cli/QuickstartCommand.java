package dev.lamo.harness.cli;

import dev.lamo.envs.data.GenerationPlan;
import dev.lamo.envs.behavior.Behaviors;
import dev.lamo.envs.data.DatasetGenerator;
import dev.lamo.envs.data.DatasetWriter;
import dev.lamo.harness.eval.Evaluation;
import dev.lamo.harness.train.TrainingJob;
import dev.lamo.policies.djl.DjlRuntime;
import dev.lamo.results.table.CheckpointRule;
import dev.lamo.results.table.EvaluatedRun;
import dev.lamo.results.table.ResultTable;
import dev.lamo.results.table.TableBuilder;
import dev.lamo.results.table.TableFormat;
import dev.lamo.results.table.TargetRule;
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

/**
 * {@code lamo quickstart}: the whole pipeline on embedded defaults, in minutes on two cores. It demonstrates
 * the pipeline; its step budget is far below the paper's, so it does not claim the paper's gap.
 */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = "Generate a reacher2d dataset (scripted behaviour), take the default small LM shipped in models/default-lm, train "
                + "LaMo and DT on a 10%% down-sample with evaluation during training, and print a normalised-score table "
                + "and the harness throughput. Everything goes under --out.")
final class QuickstartCommand implements Callable<Integer> {

    private static final int EPISODES = 50;

    @Spec
    CommandSpec spec;

    @Option(names = "--out", defaultValue = "lamo-results/quickstart", description = "Results folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--steps", defaultValue = "1200", description = "Training steps of each of LaMo and DT (default: ${DEFAULT-VALUE}).")
    long steps;

    @Option(names = "--eval-episodes", defaultValue = "10", description = "Episodes per target and evaluation (default: ${DEFAULT-VALUE}).")
    int evalEpisodes;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of data, training and evaluation (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        DjlRuntime.configure();
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path corpus = LamoPaths.corpus();
        if (!Files.isRegularFile(corpus.resolve("MANIFEST"))) {
            throw new BadInputException("no text corpus at " + corpus + "; fetch it with scripts/fetch-corpus.sh "
                    + "(scripts/setup.sh runs it)");
        }
        if (steps < 100) {
            throw new BadInputException("--steps must be at least 100, got " + steps);
        }
        long start = System.nanoTime();
        Files.createDirectories(out);

        // the size of LaMo's Reacher2d "medium" dataset (50 episodes of 100 steps), so that its published row is a reference
        Path data = out.resolve("data/reacher2d-medium-scripted-50ep.hdf5");
        o.println("[1/5] dataset: reacher2d, scripted inverse-kinematics controller (medium noise), 50 episodes");
        if (!Files.exists(data)) {
            DatasetWriter.write(DatasetGenerator.generate(new GenerationPlan<>("reacher2d",
                    Behaviors.builtIn("scripted", "reacher2d", null), EPISODES, 0, seed, "reacher2d-medium-scripted-50ep",
                    Runtime.getRuntime().availableProcessors()), n -> { }), data);
        }
        o.printf("      %s%n", data);

        Path lm = LamoPaths.requireDefaultLanguageModel();
        o.println("[2/5] language model: the default small GPT-2-architecture LM shipped with the checkout");
        o.printf("      %s%n", DefaultLanguageModel.describe(lm));

        long warmup = Math.max(1, steps / 10);
        long evalEvery = Math.max(1, steps / 3);
        int step = 3;
        List<Path> runDirs = new ArrayList<>();
        for (String algo : List.of("dt", "lamo")) {
            o.printf("[%d/5] train %s on 10%% of the data (5 episodes): %d steps, warm-up %d steps (the paper: 37500 and "
                    + "2500), evaluated every %d steps with %d episodes per target%n", step++, algo, steps, warmup, evalEvery,
                    evalEpisodes);
            Path runDir = out.resolve("runs/" + algo + "-reacher2d-r0.1-s" + seed);
            runDirs.add(runDir);
            if (Files.exists(runDir.resolve("config.json"))) {
                o.printf("      reusing %s%n", runDir);
                continue;
            }
            Evaluation.Outcome[] last = new Evaluation.Outcome[1];
            Progress bar = new Progress(err, "      train " + algo, steps);
            new TrainingJob(algo, "reacher2d", data, 0.1, seed, lm, corpus, steps, seed, runDir,
                    false, List.of("warmup_steps=" + warmup, "log_every=" + Math.max(1, steps / 12)),
                    new TrainingJob.Evaluate(evalEvery, evalEpisodes, seed))
                    .run((done, total, extra) -> bar.update(done, total, extra), outcome -> last[0] = outcome);
            o.printf("      throughput of its last evaluation: %.0f env steps/s, mean batch %.1f%n",
                    last[0].throughput().get("env_steps_per_second"), last[0].throughput().get("mean_batch_size"));
        }

        o.println();
        ResultTable table = TableBuilder.build(runDirs.stream().map(EvaluatedRun::read).toList(),
                new TableBuilder.Options(new CheckpointRule.Last(), new TargetRule.Max(), true, false, 0, 0));
        o.print(TableFormat.MD.render(table));
        o.println();
        ReferenceResults.print(o, LamoPaths.home());
        o.printf("%nall results are under %s (runs/*/eval/episodes.jsonl and summary.json); tables and charts from them:%n"
                + "  scripts/lamo table --results %s --checkpoint last --paper%n  scripts/lamo plot --results %s --out %s%n"
                + "total %.0f s%n", out.toAbsolutePath(), out, out, out.resolve("plots"), (System.nanoTime() - start) / 1e9);
        return 0;
    }
}
