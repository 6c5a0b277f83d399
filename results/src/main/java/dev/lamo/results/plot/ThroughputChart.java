package dev.lamo.results.plot;

import dev.lamo.results.bench.HarnessBenchmark;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.XYChart;

/** Harness throughput against the number of concurrent episodes, beside the sequential reference pattern. */
public final class ThroughputChart {

    private ThroughputChart() {
    }

    public static List<Path> write(HarnessBenchmark bench, Path dir, String name) {
        XYChart chart = ChartFiles.chart("harness throughput: " + bench.env() + ", " + bench.cores() + " cores",
                "concurrent episodes", "environment steps per second");
        chart.getStyler().setXAxisLogarithmic(true);
        double[] x = bench.harness().stream().mapToDouble(HarnessBenchmark.Point::concurrency).toArray();
        chart.addSeries("harness (batched)", x, bench.harness().stream()
                .mapToDouble(HarnessBenchmark.Point::envStepsPerSecond).toArray());
        if (bench.sequentialEnvStepsPerSecond() != null) {
            double[] flat = new double[x.length];
            Arrays.fill(flat, bench.sequentialEnvStepsPerSecond());
            chart.addSeries("sequential pattern (batch 1)", x, flat);
        }
        return ChartFiles.save(chart, dir, name);
    }
}
