package dev.lamo.results.table;

import dev.lamo.results.records.EpisodeRecord;
import dev.lamo.results.records.EvaluationSummary;
import dev.lamo.results.records.EpisodeRecords;
import dev.lamo.results.records.RecordFormatException;
import dev.lamo.results.records.Records;
import dev.lamo.results.records.RunConfig;
import dev.lamo.results.stats.Descriptive;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A training run with its evaluations: the run's config.json and its {@code eval/} records (episodes and
 * summary), read back from disk alone, so that tables are reproducible from the recorded runs.
 *
 * @param dir         run directory
 * @param config      the run's settings
 * @param episodesPer episodes per checkpoint and target in its evaluations
 * @param protocol    the evaluation protocol recorded in summary.json
 * @param scores      mean normalised score per target, then per checkpoint step (ascending)
 */
public record EvaluatedRun(Path dir, RunConfig config, int episodesPer, EvaluationSummary.Protocol protocol,
                           Map<Double, TreeMap<Long, Double>> scores) {

    public static final String EVAL = "eval";

    /** Every run under the given folders (a folder may be a run itself or hold runs at any depth). */
    public static List<EvaluatedRun> find(List<Path> roots) {
        List<EvaluatedRun> runs = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                throw new RecordFormatException(root + ": no such results folder");
            }
            try (Stream<Path> s = Files.walk(root)) {
                for (Path config : s.filter(p -> p.getFileName().toString().equals("config.json")).sorted().toList()) {
                    Path dir = config.getParent();
                    if (Files.isRegularFile(dir.resolve(EVAL).resolve("episodes.jsonl"))
                            && isRunConfig(config)) {
                        runs.add(read(dir));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (runs.isEmpty()) {
            throw new RecordFormatException("no evaluated runs under " + roots
                    + " (expected RUN_DIR/config.json with RUN_DIR/eval/episodes.jsonl, from lamo train --eval-every)");
        }
        return runs;
    }

    private static boolean isRunConfig(Path config) throws IOException {
        return Files.readString(config, StandardCharsets.UTF_8).contains(RunConfig.SCHEMA);
    }

    public static EvaluatedRun read(Path dir) {
        RunConfig config = RunConfig.read(dir.resolve(RunConfig.FILE));
        Path evalDir = dir.resolve(EVAL);
        EvaluationSummary summary = Records.read(evalDir.resolve("summary.json"), EvaluationSummary.class,
                EvaluationSummary.SCHEMA, EvaluationSummary.VERSION);
        List<EpisodeRecord> episodes = EpisodeRecords.read(evalDir.resolve("episodes.jsonl"));
        Map<Double, TreeMap<Long, List<Double>>> grouped = new TreeMap<>(TargetOrder.COMPARATOR);
        for (EpisodeRecord e : episodes) {
            // a failed episode counts with the score it reached; it is recorded, not dropped
            grouped.computeIfAbsent(e.target(), t -> new TreeMap<>()).computeIfAbsent(e.checkpointStep(), s -> new ArrayList<>())
                    .add(e.normalizedScore());
        }
        Map<Double, TreeMap<Long, Double>> scores = new TreeMap<>(TargetOrder.COMPARATOR);
        grouped.forEach((target, bySteps) -> {
            TreeMap<Long, Double> m = new TreeMap<>();
            bySteps.forEach((step, list) -> m.put(step, Descriptive.mean(list.stream().mapToDouble(Double::doubleValue).toArray())));
            scores.put(target, m);
        });
        return new EvaluatedRun(dir, config, summary.protocol().episodesPerTarget(), summary.protocol(), scores);
    }

    /** Base dataset id: a down-sampled id ({@code parent@0.1s3}) without its sample suffix. */
    public String datasetId() {
        if (config.dataset() == null) {
            return "online";
        }
        String id = config.dataset().datasetId();
        int at = id.indexOf('@');
        return at < 0 ? id : id.substring(0, at);
    }

    public RowKey rowKey() {
        return new RowKey(config.envId(), datasetId(), ratio());
    }

    public double ratio() {
        return config.dataset() == null ? 1.0 : config.dataset().ratio();
    }
}
