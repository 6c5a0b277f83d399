package dev.lamo.harness.dashboard;

import dev.lamo.envs.Json;
import dev.lamo.results.bench.HarnessBenchmark;
import dev.lamo.results.records.DatasetRef;
import dev.lamo.results.records.EpisodeRecord;
import dev.lamo.results.records.EvaluationSummary;
import dev.lamo.results.records.JobStatus;
import dev.lamo.results.records.MetricsLog;
import dev.lamo.results.records.Records;
import dev.lamo.results.records.RunConfig;
import dev.lamo.results.records.RunFacts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Real run, evaluation and bench folders, written with the project's record classes (small and fast, no training). */
final class ResultFolders {

    static final List<Double> HOPPER_TARGETS = List.of(3600.0, 2600.0, 2200.0, 1800.0);

    private ResultFolders() {
    }

    static void config(Path run, String algorithm, long steps, long seed, double ratio) {
        DatasetRef data = new DatasetRef("hopper-medium", "hopper-medium.hdf5", "0".repeat(64), ratio, ratio < 1 ? 0L : null,
                100, 100_000);
        RunConfig.of(algorithm, null, "hopper", "1", data, seed, steps, Map.of("lr", 1e-4),
                RunFacts.of(RunFacts.Observation.vector(11)), "MuJoCo 2.2.2", true).write(run.resolve(RunConfig.FILE));
    }

    static void train(Path run, long fromStep, long toStep, long every) {
        try (MetricsLog log = MetricsLog.append(run.resolve("metrics.jsonl"))) {
            for (long s = fromStep; s <= toStep; s += every) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("action_loss", 1.0 / (1 + s / 100.0));
                line.put("lr", 1e-4 * Math.min(1, s / 50.0));
                line.put("steps_per_second", 40.0);
                log.write(s, "train", line);
            }
        }
    }

    static void episodes(Path evalDir, long checkpoint, List<Double> targets, int count, double baseScore, String failure) {
        StringBuilder text = new StringBuilder();
        for (Double t : targets) {
            for (int i = 0; i < count; i++) {
                double score = baseScore + i + (t == null ? 0 : t / 1000);
                text.append(Json.write(EpisodeRecord.of(checkpoint, t, i, 1000L * i + checkpoint, score * 30, score, 1000,
                        false, true, i == 0 ? failure : null, 0.5))).append('\n');
            }
        }
        append(evalDir.resolve("episodes.jsonl"), text.toString());
    }

    static void summary(Path evalDir, String algorithm, int episodesPerTarget, Map<String, Object> throughput) {
        EvaluationSummary.Run run = new EvaluationSummary.Run(evalDir.getParent().toString(), algorithm, "hopper", "1", null, 0);
        EvaluationSummary.Protocol protocol = new EvaluationSummary.Protocol(episodesPerTarget, 0, 20, 1000, -20, 3234,
                "D4RL", true, 1000, "MuJoCo 2.2.2", "episodes", 128, null);
        Records.write(evalDir.resolve("summary.json"), EvaluationSummary.of(run, protocol, List.of(), throughput));
    }

    static void status(Path dir, String kind, JobStatus.State state, Instant updated, String unit, long done, long total,
                       JobStatus.Throughput throughput, String reason) {
        Records.write(dir.resolve(JobStatus.FILE), JobStatus.of(kind, 4242, "lab-host", updated.minusSeconds(120), updated,
                state, reason, new JobStatus.Progress(unit, done, total, 30.0), throughput));
    }

    static void bench(Path file, String runtime, String device, double scale) {
        HarnessBenchmark b = HarnessBenchmark.of("runs/dt-hopper", "hopper", 16, 4, 90_000.0, List.of(), 800.0,
                List.of(point(1, 800 * scale), point(8, 4000 * scale), point(32, 9000 * scale), point(128, 12000 * scale)),
                15.0 * scale);
        Map<String, Object> m = Json.mapper().convertValue(b, Map.class);
        Map<String, Object> tagged = new LinkedHashMap<>(m);
        tagged.put("runtime", runtime);
        tagged.put("device", device);
        Records.write(file, tagged);
    }

    private static HarnessBenchmark.Point point(int concurrency, double rate) {
        return new HarnessBenchmark.Point(concurrency, rate, concurrency * 0.9, 1.5, 1, 2, 0.5, 0.1);
    }

    static void append(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A results folder with one of everything: a running run with evaluations during training, an interrupted run
     * without status.json, a failed run, a standalone evaluation, a sweep of four cells (done, running, failed,
     * pending) and two bench records.
     */
    static void scene(Path root, Instant now) throws IOException {
        Path running = root.resolve("runs/dt-hopper-s0");
        config(running, "dt", 1000, 0, 1.0);
        train(running, 50, 500, 50);
        status(running, "training", JobStatus.State.RUNNING, now, "steps", 500, 1000,
                new JobStatus.Throughput(null, 40.0, null, null, null), null);
        episodes(running.resolve("eval"), 250, HOPPER_TARGETS, 3, 40, null);
        episodes(running.resolve("eval"), 500, HOPPER_TARGETS, 2, 55, "simulator error: NaN in qacc");
        status(running.resolve("eval"), "evaluation", JobStatus.State.RUNNING, now, "episodes", 20, 24,
                new JobStatus.Throughput(5200.0, null, 23.5, 1.8, 4.2), null);

        Path old = root.resolve("runs/lamo-hopper-s1");
        config(old, "lamo", 1000, 1, 0.1);
        train(old, 50, 300, 50);
        Files.setLastModifiedTime(old.resolve("metrics.jsonl"), java.nio.file.attribute.FileTime.from(now.minusSeconds(3600)));

        Path failed = root.resolve("runs/cql-hopper-s0");
        config(failed, "cql", 1000, 0, 1.0);
        train(failed, 50, 100, 50);
        status(failed, "training", JobStatus.State.FAILED, now.minusSeconds(30), "steps", 120, 1000, null,
                "non-finite gradients at step 120");

        Path standalone = root.resolve("evals/dt-final");
        episodes(standalone, 1000, HOPPER_TARGETS, 5, 70, null);
        summary(standalone, "dt", 5, Map.of("env_steps_per_second", 6100.0, "mean_batch_size", 20.0,
                "forward_ms_p50", 1.2, "forward_ms_p99", 3.9, "wall_seconds", 42.0, "runtime", "pytorch", "device", "cpu"));

        Files.writeString(root.resolve("sweep.json"), """
                {"out": "sweep-results", "algorithms": ["dt", "bc"], "tasks": [{"env": "hopper", "data": "hopper-medium.hdf5"}],
                 "ratios": [1], "seeds": [0, 1], "steps": 100, "eval_every": 100, "eval_episodes": 2}
                """);
        Path cells = root.resolve("sweep-results/runs");
        Path done = cells.resolve("dt-hopper-medium-r1-s0");
        config(done, "dt", 100, 0, 1.0);
        train(done, 50, 100, 50);
        episodes(done.resolve("eval"), 100, HOPPER_TARGETS, 2, 60, null);
        summary(done.resolve("eval"), "dt", 2, Map.of());
        status(done, "training", JobStatus.State.FINISHED, now.minusSeconds(10), "steps", 100, 100, null, null);
        Path cell = cells.resolve("bc-hopper-medium-r1-s0");
        config(cell, "bc", 100, 0, 1.0);
        train(cell, 50, 50, 50);
        status(cell, "training", JobStatus.State.RUNNING, now, "steps", 50, 100, null, null);
        Path broken = cells.resolve("dt-hopper-medium-r1-s1");
        config(broken, "dt", 100, 1, 1.0);
        status(broken, "training", JobStatus.State.RUNNING, now.minusSeconds(600), "steps", 10, 100, null, null);

        bench(root.resolve("bench/cpu.json"), "pytorch", "cpu", 1.0);
        bench(root.resolve("bench/gpu.json"), "pytorch", "cuda:0", 2.5);
    }
}
