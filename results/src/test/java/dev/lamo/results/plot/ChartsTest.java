package dev.lamo.results.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamo.results.bench.HarnessBenchmark;
import dev.lamo.results.table.EvaluatedRun;
import dev.lamo.results.table.ResultTable;
import dev.lamo.results.table.RunFixture;
import dev.lamo.results.table.TableBuilder;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

class ChartsTest {

    @TempDir
    Path root;

    @Test
    void scoreRatioAndTrainingCurvesAreValidImagesOfTheExpectedSize() throws Exception {
        for (double ratio : new double[] {0.01, 0.1, 1}) {
            for (String algorithm : List.of("lamo", "dt")) {
                Path run = new RunFixture(root.resolve("runs"), algorithm, "hopper", 0).dataset("hopper-medium", ratio, "abc")
                        .eval(10.0, 50, 20, 30).eval(10.0, 100, 40 * ratio + 10, 50).write();
                Files.writeString(run.resolve("metrics.jsonl"), "{\"step\":50,\"kind\":\"train\",\"action_loss\":0.5}\n"
                        + "{\"step\":100,\"kind\":\"train\",\"action_loss\":0.25}\n");
            }
        }
        List<EvaluatedRun> runs = EvaluatedRun.find(List.of(root.resolve("runs")));
        ResultTable table = TableBuilder.build(runs, TableBuilder.Options.paperDefaults());
        Path out = root.resolve("plots");
        List<Path> files = ScoreVsRatioChart.write(table, out);
        files = new java.util.ArrayList<>(files);
        files.addAll(TrainingCurveChart.write(table, runs, out));
        // 1 score-vs-ratio chart + per row (3) a score curve and a loss curve, each as PNG and SVG
        assertEquals(2 * (1 + 3 * 2), files.size(), files.toString());
        for (Path f : files) {
            assertTrue(Files.size(f) > 1000, f + " is suspiciously small");
            if (f.toString().endsWith(".png")) {
                assertPng(f);
            } else {
                assertSvg(f);
            }
        }
        assertTrue(Files.exists(out.resolve("score-vs-ratio-hopper-hopper-medium.png")));
        assertTrue(Files.exists(out.resolve("curve-loss-hopper-hopper-medium-r0.01.svg")));
    }

    @Test
    void negativeActorLossesAreChartedOnALinearAxis() throws Exception {
        Path run = new RunFixture(root.resolve("runs"), "td3bc", "hopper", 0).dataset("hopper-medium", 1, "abc")
                .eval(10.0, 100, 40, 50).write();
        Files.writeString(run.resolve("metrics.jsonl"), "{\"step\":50,\"kind\":\"train\",\"actor_loss\":-1.5}\n"
                + "{\"step\":100,\"kind\":\"train\",\"actor_loss\":-2.5}\n");
        List<EvaluatedRun> runs = EvaluatedRun.find(List.of(root.resolve("runs")));
        List<Path> files = TrainingCurveChart.write(TableBuilder.build(runs, TableBuilder.Options.paperDefaults()), runs,
                root.resolve("plots"));
        assertTrue(files.stream().anyMatch(f -> f.getFileName().toString().equals("curve-loss-hopper-hopper-medium-r1.png")),
                files.toString());
    }

    @Test
    void throughputChart() throws Exception {
        HarnessBenchmark b = HarnessBenchmark.of("run", "halfcheetah", 2, 1, null, null, 900.0, List.of(
                new HarnessBenchmark.Point(1, 850, 1, 1, 1, 1, 1, 0.1),
                new HarnessBenchmark.Point(8, 2500, 8, 2, 1, 1, 1, 0.1),
                new HarnessBenchmark.Point(32, 4000, 32, 5, 1, 1, 1, 0.1)), 4.4);
        List<Path> files = ThroughputChart.write(b, root, "throughput");
        assertPng(files.get(0));
        assertSvg(files.get(1));
    }

    private static void assertPng(Path f) throws Exception {
        BufferedImage image = ImageIO.read(f.toFile());
        assertEquals(ChartFiles.WIDTH, image.getWidth(), f.toString());
        assertEquals(ChartFiles.HEIGHT, image.getHeight(), f.toString());
        // not a blank canvas: the plot draws in several colours
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 7) {
            for (int x = 0; x < image.getWidth(); x += 7) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 3, f + " has " + colours.size() + " colours");
    }

    private static void assertSvg(Path f) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Element svg = factory.newDocumentBuilder().parse(f.toFile()).getDocumentElement();
        assertEquals("svg", svg.getNodeName());
        assertTrue(svg.getAttribute("width").startsWith(Integer.toString(ChartFiles.WIDTH)), svg.getAttribute("width"));
        assertTrue(svg.getAttribute("height").startsWith(Integer.toString(ChartFiles.HEIGHT)), svg.getAttribute("height"));
    }
}
