package dev.lamo.harness.cli;

import dev.lamo.results.bench.HarnessBenchmark;
import dev.lamo.results.plot.ScoreVsRatioChart;
import dev.lamo.results.plot.ThroughputChart;
import dev.lamo.results.plot.TrainingCurveChart;
import dev.lamo.results.records.Records;
import dev.lamo.results.table.EvaluatedRun;
import dev.lamo.results.table.ResultTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lamo plot}: PNG and SVG charts of evaluated runs and of harness benchmark records. */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = "Charts as PNG and SVG: normalised score against data ratio per algorithm, training curves "
                + "(evaluation score and loss against step) per table row, and harness throughput against concurrency "
                + "from the lamo bench harness --json records found under --results.")
final class PlotCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TableSelection selection;

    @Option(names = "--out", required = true, description = "Folder for the charts.")
    Path out;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        List<EvaluatedRun> runs = selection.runs();
        ResultTable table = selection.table(runs, false, false, 0);
        List<Path> files = new ArrayList<>(ScoreVsRatioChart.write(table, out));
        files.addAll(TrainingCurveChart.write(table, runs, out));
        List<Path> benchmarks = benchmarkRecords(selection.results);
        for (int i = 0; i < benchmarks.size(); i++) {
            HarnessBenchmark b = Records.read(benchmarks.get(i), HarnessBenchmark.class, HarnessBenchmark.SCHEMA,
                    HarnessBenchmark.VERSION);
            if (b.harness() != null && !b.harness().isEmpty()) {
                files.addAll(ThroughputChart.write(b, out, "throughput-" + b.env() + (benchmarks.size() > 1 ? "-" + i : "")));
            }
        }
        files.forEach(f -> o.println(f));
        o.printf("%d charts (PNG and SVG) in %s%s%n", files.size() / 2, out,
                benchmarks.isEmpty() ? "; no lamo bench harness --json records under --results, so no throughput chart" : "");
        return 0;
    }

    private static List<Path> benchmarkRecords(List<Path> roots) {
        List<Path> found = new ArrayList<>();
        for (Path root : roots) {
            try (Stream<Path> s = Files.walk(root)) {
                for (Path f : s.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                    if (Files.size(f) < 1_000_000 && Files.readString(f).contains("\"" + HarnessBenchmark.SCHEMA + "\"")) {
                        found.add(f);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return found;
    }
}
