package dev.lamo.harness.cli;

import dev.lamo.results.stats.RobustAggregates;
import dev.lamo.results.table.CheckpointRule;
import dev.lamo.results.table.EvaluatedRun;
import dev.lamo.results.table.ResultTable;
import dev.lamo.results.table.TableBuilder;
import dev.lamo.results.table.TableFormat;
import dev.lamo.results.table.TargetRule;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The low-data experiment's committed records (issue 19's grid, {@code scripts/lamo-low-data.sh}), tabulated the way
 * {@code lamo table --stats --paper} does, so that the quickstart can show what the full protocol gives on this system
 * beside what its own short run gives.
 */
final class ReferenceResults {

    /** Where the records live in a checkout. */
    static final String RECORDS = "experiments/lamo-low-data/records";

    /** Cells of the full grid: (Reacher2d at 0.1 and 0.3, Hopper at 0.005) × 3 variants × 3 seeds. */
    static final int GRID_CELLS = 27;

    private ReferenceResults() {
    }

    static void print(PrintWriter o, Path home) {
        Path records = home.resolve(RECORDS);
        List<EvaluatedRun> runs = Files.isDirectory(records) ? EvaluatedRun.find(List.of(records)) : List.of();
        if (runs.isEmpty()) {
            o.printf("Reference (full-budget runs): no records under %s yet%n", records);
            return;
        }
        Map<String, String> budgets = runs.stream().collect(Collectors.groupingBy(r -> r.config().envId(), TreeMap::new,
                Collectors.mapping(r -> String.format("%,d", r.config().steps()), Collectors.collectingAndThen(
                        Collectors.toCollection(java.util.TreeSet::new), s -> String.join("/", s) + " steps"))));
        o.printf("Reference: the full-budget runs of the low-data experiment on this system, read from the committed records in%n"
                + "%s (%d of the grid's %d cells finished; budgets: %s; made by scripts/lamo-low-data.sh).%n"
                + "Only these, not the short run above, answer whether LaMo's advantage appears here (README: \"Does LaMo's "
                + "advantage appear here?\").%n%n", RECORDS, runs.size(), GRID_CELLS, budgets.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
        ResultTable table = TableBuilder.build(runs, new TableBuilder.Options(CheckpointRule.parse("window:0.2"),
                TargetRule.parse("max"), true, true, RobustAggregates.DEFAULT_REPETITIONS, 0));
        o.print(TableFormat.MD.render(table));
    }
}
