package dev.lamo.harness.cli;

import dev.lamo.harness.sweep.CellStatus;
import dev.lamo.harness.sweep.Sweep;
import dev.lamo.harness.sweep.SweepCell;
import dev.lamo.harness.sweep.SweepConfig;
import dev.lamo.harness.sweep.SweepRecords;
import dev.lamo.policies.registry.Algorithms;
import dev.lamo.harness.sweep.SweepEstimate;
import dev.lamo.policies.djl.DjlRuntime;
import dev.lamo.policies.run.TrainingProgress;
import dev.lamo.results.plot.ScoreVsRatioChart;
import dev.lamo.results.plot.TrainingCurveChart;
import dev.lamo.results.stats.RobustAggregates;
import dev.lamo.results.table.CheckpointRule;
import dev.lamo.results.table.EvaluatedRun;
import dev.lamo.results.table.ResultTable;
import dev.lamo.results.table.TableBuilder;
import dev.lamo.results.table.TableFormat;
import dev.lamo.results.table.TargetRule;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lamo sweep}: a grid of training runs with evaluation during training, then the table and the charts. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Train every cell of a grid (algorithms × tasks × ratios × seeds) with evaluation during training, "
                + "then write OUT/table.{md,csv,tex,json} and OUT/plots. Finished cells are skipped and started ones "
                + "continue from their latest checkpoint, so an interrupted sweep resumes by running it again.")
final class SweepCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, description = "Sweep file (JSON; see the README).")
    Path configFile;

    @Option(names = "--estimate", description = "Only measure this machine's training and evaluation rates for each "
            + "algorithm and task and print the grid's remaining time; trains nothing that is kept.")
    boolean estimate;

    @Option(names = "--export", paramLabel = "DIR", description = "Only copy the records of the finished cells (config.json, "
            + "metrics.jsonl, eval/episodes.jsonl, eval/summary.json; no checkpoints) into DIR/RUN, to keep them in a "
            + "repository; trains nothing.")
    Path export;

    @Override
    public Integer call() throws IOException {
        DjlRuntime.configure();
        PrintWriter out = spec.commandLine().getOut();
        SweepConfig config = SweepConfig.read(configFile);
        CheckpointRule checkpoint = CheckpointRule.parse(config.checkpointRule());
        TargetRule target = TargetRule.parse(config.targetRule());
        // records need no dataset: a grid whose data is not made yet exports its finished cells (none)
        if (export != null) {
            SweepRecords.Export e = SweepRecords.export(config, export, LamoPaths.home());
            out.printf("copied the records of %d finished cells into %s; %d cells not finished yet%n", e.copied(), export,
                    e.unfinished());
            return 0;
        }
        for (SweepConfig.Task t : config.tasks()) {
            if (!java.nio.file.Files.isRegularFile(t.data())) {
                throw new BadInputException(configFile + ": tasks: dataset " + t.data() + " of " + t.env() + " not found");
            }
        }
        Path lm = config.languageModel() != null ? config.languageModel()
                : config.algorithms().stream().anyMatch(v -> Algorithms.get(Algorithms.variant(v).algorithm()).usesLanguageModel())
                ? LamoPaths.requireDefaultLanguageModel() : null;
        Path corpus = LamoPaths.corpus();
        if (estimate) {
            SweepEstimate.Result r = SweepEstimate.measure(config, lm, corpus);
            for (SweepEstimate.RowData row : r.rows()) {
                out.printf(Locale.ROOT, "%-12s ratio %-6s keeps %d of %d trajectories (%d transitions in sample seed %d's "
                                + "draw) from %s%n", row.env(), TableBuilder.number(row.ratio()), row.kept(), row.trajectories(),
                        row.transitions(), row.sampleSeed(), row.data().getFileName());
            }
            for (SweepEstimate.Rate rate : r.rates()) {
                out.printf(Locale.ROOT, "%-6s %-12s %8.2f training steps/s %8.3f s per evaluation episode%n", rate.algorithm(),
                        rate.env(), rate.stepsPerSecond(), rate.secondsPerEpisode());
            }
            out.printf(Locale.ROOT, "%d cells, %d finished; the rest needs about %.1f hours on this machine (%d cores, one "
                    + "cell at a time)%n", r.cells(), r.finished(), r.remainingSeconds() / 3600,
                    Runtime.getRuntime().availableProcessors());
            return 0;
        }
        Sweep.run(config, lm, corpus, new Sweep.Listener() {
            @Override
            public void cellStarted(SweepCell cell, int index, int total, CellStatus status) {
                out.printf("[%d/%d] %s: %s%n", index + 1, total, cell.describe(), switch (status) {
                    case FINISHED -> "finished, skipped";
                    case PARTIAL -> "continuing " + cell.runDir();
                    case NEW -> "training into " + cell.runDir();
                });
            }

            @Override
            public TrainingProgress progress(SweepCell cell) {
                Progress bar = new Progress(spec.commandLine().getErr(), "  " + cell.algorithm(), cell.task().schedule().steps());
                return (done, total, extra) -> bar.update(done, total, extra);
            }
        });
        // only this grid's cells, even if the folder holds runs of an earlier, larger grid
        List<EvaluatedRun> runs = config.cells().stream().map(c -> EvaluatedRun.read(c.runDir())).toList();
        ResultTable table = TableBuilder.build(runs, new TableBuilder.Options(checkpoint, target, config.paper(), true,
                RobustAggregates.DEFAULT_REPETITIONS, 0));
        for (TableFormat f : TableFormat.values()) {
            TableCommand.writeAtomically(config.out().resolve("table." + f.extension()), f.render(table));
        }
        ScoreVsRatioChart.write(table, config.out().resolve("plots"));
        TrainingCurveChart.write(table, runs, config.out().resolve("plots"));
        out.println();
        out.print(TableFormat.MD.render(table));
        out.printf("%ntables in %s/table.{md,csv,tex,json}, charts in %s/plots%n", config.out(), config.out());
        return 0;
    }
}
