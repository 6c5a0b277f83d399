package dev.lamo.results.plot;

import dev.lamo.results.table.AlgorithmNames;
import dev.lamo.results.table.Cell;
import dev.lamo.results.table.ResultTable;
import dev.lamo.results.table.Row;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;

/** Normalised score against data ratio (log axis), one line per algorithm with std-over-seeds error bars. */
public final class ScoreVsRatioChart {

    private ScoreVsRatioChart() {
    }

    /** One chart per environment and dataset of the table; returns the files written. */
    public static List<Path> write(ResultTable table, Path dir) {
        Map<String, List<Row>> byDataset = new LinkedHashMap<>();
        for (Row r : table.rows()) {
            byDataset.computeIfAbsent(r.env() + "/" + r.dataset(), k -> new ArrayList<>()).add(r);
        }
        List<Path> files = new ArrayList<>();
        byDataset.forEach((name, rows) -> {
            XYChart chart = ChartFiles.chart(name + ": score against data ratio (" + table.checkpointRule() + ")",
                    "fraction of trajectories kept", "normalised score");
            chart.getStyler().setXAxisLogarithmic(true);
            for (String algorithm : table.algorithms()) {
                List<Row> present = rows.stream().filter(r -> r.cells().containsKey(algorithm))
                        .sorted(java.util.Comparator.comparingDouble(Row::ratio)).toList();
                if (present.isEmpty()) {
                    continue;
                }
                double[] x = present.stream().mapToDouble(Row::ratio).toArray();
                double[] y = present.stream().map(r -> r.cells().get(algorithm)).mapToDouble(Cell::mean).toArray();
                double[] err = present.stream().map(r -> r.cells().get(algorithm)).mapToDouble(Cell::std).toArray();
                chart.addSeries(AlgorithmNames.label(algorithm), x, y, err);
            }
            files.addAll(ChartFiles.save(chart, dir, "score-vs-ratio-" + ChartFiles.slug(name.replace('/', '-'))));
        });
        return files;
    }
}
