package dev.lamo.results.plot;

import dev.lamo.results.records.MetricsLog;
import dev.lamo.results.table.AlgorithmNames;
import dev.lamo.results.table.Cell;
import dev.lamo.results.table.EvaluatedRun;
import dev.lamo.results.table.ResultTable;
import dev.lamo.results.table.Row;
import dev.lamo.results.table.TableBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.knowm.xchart.XYChart;

/**
 * Training curves per table row: evaluation score against step at each cell's reported target, and the training
 * loss against step from {@code metrics.jsonl}, one line per algorithm, each the mean over its seeds at the steps
 * every seed recorded.
 */
public final class TrainingCurveChart {

    /** The first of these a run logs is its training loss. */
    static final List<String> LOSS_KEYS = List.of("action_loss", "loss", "actor_loss", "critic_loss");

    private TrainingCurveChart() {
    }

    public static List<Path> write(ResultTable table, List<EvaluatedRun> runs, Path dir) {
        List<Path> files = new ArrayList<>();
        for (Row row : table.rows()) {
            String name = row.env() + "-" + row.dataset() + "-r" + TableBuilder.number(row.ratio());
            String title = row.env() + "/" + row.dataset() + ", ratio " + TableBuilder.number(row.ratio());
            XYChart score = ChartFiles.chart(title + ": evaluation", "training step", "normalised score");
            XYChart loss = ChartFiles.chart(title + ": training loss", "training step", "loss");
            boolean anyLoss = false;
            for (Map.Entry<String, Cell> e : row.cells().entrySet()) {
                List<EvaluatedRun> seeds = runs.stream().filter(r -> r.rowKey().equals(row.key())
                        && r.config().variant().equals(e.getKey())).toList();
                String label = AlgorithmNames.label(e.getKey());
                addMean(score, label, seeds, r -> r.scores().get(e.getValue().target()));
                TreeMap<Long, Double> firstLoss = lossCurve(seeds.get(0).dir());
                if (!firstLoss.isEmpty()) {
                    addMean(loss, label, seeds, r -> lossCurve(r.dir()));
                    anyLoss = true;
                }
            }
            files.addAll(ChartFiles.save(score, dir, "curve-score-" + ChartFiles.slug(name)));
            if (anyLoss) {
                // a log axis shows a falling loss best, but actor losses of value-based methods go negative
                loss.getStyler().setYAxisLogarithmic(allPositive(loss));
                files.addAll(ChartFiles.save(loss, dir, "curve-loss-" + ChartFiles.slug(name)));
            }
        }
        return files;
    }

    private static boolean allPositive(XYChart chart) {
        return chart.getSeriesMap().values().stream()
                .allMatch(series -> java.util.Arrays.stream(series.getYData()).allMatch(y -> y > 0));
    }

    /** The mean over runs at the steps all of them have. */
    private static void addMean(XYChart chart, String label, List<EvaluatedRun> runs,
                                Function<EvaluatedRun, TreeMap<Long, Double>> curveOf) {
        List<TreeMap<Long, Double>> curves = runs.stream().map(curveOf).toList();
        TreeMap<Long, Double> mean = new TreeMap<>();
        for (Long step : curves.get(0).keySet()) {
            if (curves.stream().allMatch(c -> c.containsKey(step))) {
                mean.put(step, curves.stream().mapToDouble(c -> c.get(step)).average().orElseThrow());
            }
        }
        if (!mean.isEmpty()) {
            chart.addSeries(label, mean.keySet().stream().mapToDouble(Long::doubleValue).toArray(),
                    mean.values().stream().mapToDouble(Double::doubleValue).toArray());
        }
    }

    static TreeMap<Long, Double> lossCurve(Path runDir) {
        TreeMap<Long, Double> curve = new TreeMap<>();
        Path metrics = runDir.resolve("metrics.jsonl");
        if (!Files.exists(metrics)) {
            return curve;
        }
        for (Map<String, Object> line : MetricsLog.read(metrics)) {
            if (!"train".equals(line.get("kind"))) {
                continue;
            }
            for (String key : LOSS_KEYS) {
                if (line.get(key) instanceof Number n && line.get("step") instanceof Number step) {
                    curve.put(step.longValue(), n.doubleValue());
                    break;
                }
            }
        }
        return curve;
    }
}
