package dev.lamo.harness.cli;

import dev.lamo.results.stats.RobustAggregates;
import dev.lamo.results.table.CheckpointRule;
import dev.lamo.results.table.EvaluatedRun;
import dev.lamo.results.table.ResultTable;
import dev.lamo.results.table.TableBuilder;
import dev.lamo.results.table.TargetRule;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The options shared by {@code lamo table} and {@code lamo plot}: which runs, which evaluations, which target. */
final class TableSelection {

    @Option(names = "--results", required = true, split = ",", arity = "1..*",
            description = "Folders holding run directories (RUN/config.json with RUN/eval/), at any depth.")
    List<Path> results;

    @Option(names = "--checkpoint", defaultValue = "window:0.2",
            description = "Which evaluations count: last, best, window:FRACTION, window:STEPS or top:K (default: "
                    + "${DEFAULT-VALUE}, the mean over the last 20 %% of training as in the paper; its Kitchen appendix uses top:3).")
    String checkpoint;

    @Option(names = "--target", defaultValue = "max",
            description = "Return target: max (the best mean over seeds, per cell) or fixed:X (default: ${DEFAULT-VALUE}).")
    String target;

    List<EvaluatedRun> runs() {
        return EvaluatedRun.find(results);
    }

    ResultTable table(List<EvaluatedRun> runs, boolean paper, boolean stats, long bootstrapSeed) {
        return TableBuilder.build(runs, new TableBuilder.Options(CheckpointRule.parse(checkpoint), TargetRule.parse(target),
                paper, stats, RobustAggregates.DEFAULT_REPETITIONS, bootstrapSeed));
    }
}
