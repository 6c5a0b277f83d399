package dev.lamo.results.plot;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;

/** Chart construction with one house style, and writing each chart as PNG and SVG side by side. */
public final class ChartFiles {

    public static final int WIDTH = 800;
    public static final int HEIGHT = 600;

    static {
        // charts render with Java2D; on a machine without a display AWT must not look for one
        System.setProperty("java.awt.headless", "true");
    }

    private ChartFiles() {
    }

    static XYChart chart(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle)
                .build();
        XYStyler styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesColor(new Color(225, 225, 225));
        styler.setLegendPosition(Styler.LegendPosition.InsideNW);
        styler.setMarkerSize(7);
        return chart;
    }

    /** Writes {@code dir/name.png} and {@code dir/name.svg}; returns both paths. */
    static List<Path> save(XYChart chart, Path dir, String name) {
        try {
            Files.createDirectories(dir);
            Path base = dir.resolve(name);
            BitmapEncoder.saveBitmap(chart, base.toString(), BitmapEncoder.BitmapFormat.PNG);
            VectorGraphicsEncoder.saveVectorGraphic(chart, base.toString(), VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            return List.of(dir.resolve(name + ".png"), dir.resolve(name + ".svg"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write chart " + dir.resolve(name) + ": " + e.getMessage(), e);
        }
    }

    /** A file-name-safe form of a label. */
    static String slug(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]+", "_");
    }
}
