package dev.lamo.harness.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamo.envs.Json;
import dev.lamo.results.records.EpisodeRecord;
import dev.lamo.results.records.EvaluationSummary;
import dev.lamo.results.records.JobStatus;
import dev.lamo.results.records.Records;
import dev.lamo.results.table.TableBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An evaluation folder ({@code episodes.jsonl}, {@code summary.json}, {@code status.json}) followed as it grows:
 * episodes per checkpoint and target with their running normalised score, failures and their reasons, and the
 * job's heartbeat.
 */
final class EvaluationWatch {

    static final String EPISODES = "episodes.jsonl";
    static final String SUMMARY = "summary.json";

    /** Running mean and variance of one checkpoint and target (Welford). */
    private static final class Accumulator {
        int n;
        double mean;
        double m2;
        int failures;

        void add(double v) {
            n++;
            double d = v - mean;
            mean += d / n;
            m2 += d * (v - mean);
        }
    }

    private record Key(long checkpoint, Double target) {
    }

    private final String id;
    private final Path dir;
    private final String runId;
    private final JsonLinesTail episodes;
    private final FolderFile<JobStatus> status;
    private final FolderFile<EvaluationSummary> summary;
    private final FolderFile<JsonNode> summaryExtras;
    private final Map<Key, Accumulator> results = new TreeMap<>((a, b) -> a.checkpoint != b.checkpoint
            ? Long.compare(a.checkpoint, b.checkpoint) : java.util.Comparator.<Double>nullsFirst(java.util.Comparator.naturalOrder()).compare(a.target, b.target));
    private final Map<String, Long> failureReasons = new TreeMap<>();
    private final DecimatedSeries.Group scores;
    private long count;
    private long revision;
    private Instant lastAppend;

    EvaluationWatch(String id, Path dir, String runId, int curvePoints, int maxBytesPerPoll) {
        this.id = id;
        this.dir = dir;
        this.runId = runId;
        this.episodes = new JsonLinesTail(dir.resolve(EPISODES), maxBytesPerPoll);
        this.status = new FolderFile<>(dir.resolve(JobStatus.FILE), f -> JobStatus.read(f.getParent()));
        this.summary = new FolderFile<>(dir.resolve(SUMMARY), f -> Records.read(f, EvaluationSummary.class,
                EvaluationSummary.SCHEMA, EvaluationSummary.VERSION));
        this.summaryExtras = new FolderFile<>(dir.resolve(SUMMARY), f -> Json.readObjectFile(f));
        this.scores = new DecimatedSeries.Group(curvePoints);
    }

    String id() {
        return id;
    }

    Path dir() {
        return dir;
    }

    long revision() {
        return revision;
    }

    long malformedLines() {
        return episodes.malformedLines();
    }

    /** Whether the folder holds an evaluation at all (a run trained without evaluation has none). */
    boolean exists() {
        return Files.isRegularFile(dir.resolve(EPISODES));
    }

    /** Reads what was appended or rewritten since the last poll; true when there is more to read already. */
    boolean poll(Instant now) {
        boolean changed = status.refresh() | summary.refresh();
        summaryExtras.refresh();
        JsonLinesTail.Batch batch = episodes.poll();
        if (batch.restarted()) {
            results.clear();
            failureReasons.clear();
            count = 0;
            changed = true;
        }
        for (JsonNode line : batch.lines()) {
            EpisodeRecord e = episode(line);
            if (e == null) {
                continue;
            }
            Accumulator acc = results.computeIfAbsent(new Key(e.checkpointStep(), e.target()), k -> new Accumulator());
            acc.add(e.normalizedScore());
            if (e.failure() != null) {
                acc.failures++;
                failureReasons.merge(e.failure(), 1L, Long::sum);
            }
            count++;
        }
        if (!batch.lines().isEmpty()) {
            lastAppend = now;
            changed = true;
        }
        if (changed) {
            revision++;
            rebuildScores();
        }
        return batch.more();
    }

    private EpisodeRecord episode(JsonNode line) {
        if (!EpisodeRecord.SCHEMA.equals(line.path("schema").asText(null))) {
            return null;
        }
        try {
            return Json.mapper().treeToValue(line, EpisodeRecord.class);
        } catch (IOException e) {
            return null;
        }
    }

    /** Mean normalised score per checkpoint, one curve per return target (checkpoints are few: no decimation needed). */
    private void rebuildScores() {
        scores.clear();
        results.forEach((key, acc) -> scores.add(targetLabel(key.target()), key.checkpoint(), acc.mean));
    }

    static String targetLabel(Double target) {
        return target == null ? "score" : "target " + TableBuilder.number(target);
    }

    Map<String, Views.Curve> scoreCurves() {
        return scores.curves();
    }

    /** The newest checkpoint's mean score at its best target, or null before any episode. */
    Double lastScore() {
        long last = results.keySet().stream().mapToLong(Key::checkpoint).max().orElse(-1);
        return results.entrySet().stream().filter(e -> e.getKey().checkpoint() == last)
                .mapToDouble(e -> e.getValue().mean).boxed().max(Double::compare).orElse(null);
    }

    Views.EvaluationRow row(Instant now) {
        JobStatus s = status.value();
        EvaluationSummary sum = summary.value();
        String state;
        boolean inferred = s == null;
        if (s != null) {
            state = s.observedState(now, JobStatus.STALE_AFTER).label();
        } else if (sum != null && (lastAppend == null || !summary.modified().toInstant().isBefore(modifiedOfEpisodes()))) {
            state = JobStatus.State.FINISHED.label();
        } else {
            Instant touched = modifiedOfEpisodes();
            state = touched != null && touched.isAfter(now.minus(JobStatus.STALE_AFTER))
                    ? JobStatus.State.RUNNING.label() : JobStatus.State.INTERRUPTED.label();
        }
        Integer perTarget = sum != null ? Integer.valueOf(sum.protocol().episodesPerTarget()) : null;
        List<Views.TargetProgress> targets = new ArrayList<>();
        results.forEach((k, a) -> targets.add(new Views.TargetProgress(k.checkpoint(),
                k.target() == null ? null : TableBuilder.number(k.target()), a.n, perTarget, Views.finite(a.mean),
                a.n > 1 ? Views.finite(Math.sqrt(a.m2 / a.n)) : null, a.failures)));
        JobStatus.Throughput t = s != null ? s.throughput() : null;
        Map<String, Object> done = sum != null ? sum.throughput() : Map.of();
        JsonNode extras = summaryExtras.value();
        Double runtimeSeconds = s != null && s.startedAt() != null && s.updatedAt() != null
                ? Double.valueOf(java.time.Duration.between(s.startedAt(), s.updatedAt()).toMillis() / 1000.0)
                : number(done.get("wall_seconds"));
        return new Views.EvaluationRow(id, dir.toString(), runId, state, inferred, s != null ? s.reason() : status.problem(),
                count, s != null && s.progress() != null ? Long.valueOf(s.progress().total()) : null,
                s != null && s.progress() != null && state.equals(JobStatus.State.RUNNING.label())
                        ? s.progress().etaSeconds() : null,
                t != null && t.envStepsPerSecond() != null ? t.envStepsPerSecond() : number(done.get("env_steps_per_second")),
                t != null && t.meanBatch() != null ? t.meanBatch() : number(done.get("mean_batch_size")),
                t != null && t.forwardP50Ms() != null ? t.forwardP50Ms() : number(done.get("forward_ms_p50")),
                t != null && t.forwardP99Ms() != null ? t.forwardP99Ms() : number(done.get("forward_ms_p99")),
                runtimeSeconds, text(extras, "runtime", done), text(extras, "device", done), s != null ? s.host() : null,
                targets, Map.copyOf(failureReasons), episodes.malformedLines(), revision);
    }

    private Instant modifiedOfEpisodes() {
        try {
            return Files.getLastModifiedTime(dir.resolve(EPISODES)).toInstant();
        } catch (IOException e) {
            return null;
        }
    }

    private static Double number(Object o) {
        return o instanceof Number n ? Views.finite(n.doubleValue()) : null;
    }

    /** Runtime and device, where a summary records them (in its throughput section or at its top level). */
    private static String text(JsonNode extras, String key, Map<String, Object> throughput) {
        Object v = throughput.get(key);
        if (v != null) {
            return v.toString();
        }
        return extras != null && extras.hasNonNull(key) ? extras.get(key).asText() : null;
    }
}
