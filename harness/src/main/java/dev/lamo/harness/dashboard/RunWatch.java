package dev.lamo.harness.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamo.envs.Json;
import dev.lamo.results.records.JobStatus;
import dev.lamo.results.records.Records;
import dev.lamo.results.records.RunConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

/**
 * A training run folder followed as it grows: its config, its {@code status.json} heartbeat, its {@code metrics.jsonl}
 * curves (decimated) and the evaluations during training in {@code eval/}.
 */
final class RunWatch {

    static final String CONFIG = "config.json";
    static final String METRICS = "metrics.jsonl";

    private final String id;
    private final Path dir;
    private final FolderFile<RunConfig> config;
    private final FolderFile<JsonNode> rawConfig;
    private final FolderFile<JobStatus> status;
    private final JsonLinesTail metrics;
    private final DecimatedSeries.Group curves;
    private final EvaluationWatch evaluation;
    private long lastStep = -1;
    private Double lastStepsPerSecond;
    private long revision;

    RunWatch(String id, Path dir, int curvePoints, int maxBytesPerPoll) {
        this.id = id;
        this.dir = dir;
        this.config = new FolderFile<>(dir.resolve(CONFIG), f -> Records.read(f, RunConfig.class, RunConfig.SCHEMA,
                RunConfig.VERSION));
        this.rawConfig = new FolderFile<>(dir.resolve(CONFIG), Json::readObjectFile);
        this.status = new FolderFile<>(dir.resolve(JobStatus.FILE), f -> JobStatus.read(f.getParent()));
        this.metrics = new JsonLinesTail(dir.resolve(METRICS), maxBytesPerPoll);
        this.curves = new DecimatedSeries.Group(curvePoints);
        this.evaluation = new EvaluationWatch(id + "/eval", dir.resolve("eval"), id, curvePoints, maxBytesPerPoll);
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

    EvaluationWatch evaluation() {
        return evaluation;
    }

    /** Reads what changed since the last poll; true when a file has more to read already. */
    boolean poll(Instant now) {
        boolean changed = config.refresh() | status.refresh();
        rawConfig.refresh();
        JsonLinesTail.Batch batch = metrics.poll();
        if (batch.restarted()) {
            curves.clear();
            lastStep = -1;
            lastStepsPerSecond = null;
            changed = true;
        }
        for (JsonNode line : batch.lines()) {
            JsonNode step = line.get("step");
            if (step == null || !step.isNumber()) {
                continue;
            }
            String kind = line.path("kind").asText("train");
            String prefix = kind.equals("train") ? "" : kind + " ";
            for (Iterator<Map.Entry<String, JsonNode>> it = line.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (f.getKey().equals("step") || f.getKey().equals("kind")) {
                    continue;
                }
                JsonNode v = f.getValue();
                if (v.isNumber() || (v.isTextual() && v.asText().equals("NaN"))) {
                    curves.add(prefix + f.getKey(), step.asDouble(), v.isNumber() ? v.asDouble() : Double.NaN);
                }
            }
            if (kind.equals("train")) {
                lastStep = Math.max(lastStep, step.asLong());
                JsonNode sps = line.get("steps_per_second");
                if (sps != null && sps.isNumber()) {
                    lastStepsPerSecond = sps.asDouble();
                }
            }
            changed = true;
        }
        boolean more = evaluation.poll(now) | batch.more();
        if (changed) {
            revision++;
        }
        return more;
    }

    boolean hasConfig() {
        return config.value() != null;
    }

    Views.RunRow row(Instant now) {
        RunConfig c = config.value();
        JobStatus s = status.value();
        long total = c != null ? c.steps() : 0;
        long step = Math.max(lastStep, 0);
        if (s != null && s.progress() != null && "steps".equals(s.progress().unit())) {
            step = Math.max(step, s.progress().done());
            total = s.progress().total() > 0 ? s.progress().total() : total;
        }
        String state;
        boolean inferred = s == null;
        if (s != null) {
            state = s.observedState(now, JobStatus.STALE_AFTER).label();
        } else if (total > 0 && lastStep >= total) {
            state = JobStatus.State.FINISHED.label();
        } else {
            Instant touched = modified(METRICS);
            state = touched != null && touched.isAfter(now.minus(JobStatus.STALE_AFTER))
                    ? JobStatus.State.RUNNING.label() : JobStatus.State.INTERRUPTED.label();
        }
        boolean running = state.equals(JobStatus.State.RUNNING.label());
        Double eta = running && s != null && s.progress() != null ? s.progress().etaSeconds() : null;
        if (eta == null && running && lastStepsPerSecond != null && lastStepsPerSecond > 0 && total > step) {
            eta = (total - step) / lastStepsPerSecond;
        }
        String reason = s != null ? s.reason() : null;
        if (c == null && config.problem() != null) {
            reason = config.problem();
        }
        return new Views.RunRow(id, dir.toString(), c != null ? c.algorithm() : null, variant(c), c != null ? c.envId() : null,
                c != null && c.dataset() != null ? c.dataset().datasetId() : null,
                c != null && c.dataset() != null ? Double.valueOf(c.dataset().ratio()) : null,
                c != null ? Long.valueOf(c.seed()) : null, step, total, eta, state, inferred, reason, evaluation.lastScore(),
                revision + evaluation.revision(), metrics.malformedLines() + evaluation.malformedLines());
    }

    /** The variant of an algorithm where the config names one (a top-level field, or under extra or hyperparameters). */
    private String variant(RunConfig c) {
        JsonNode raw = rawConfig.value();
        if (raw != null && raw.hasNonNull("variant")) {
            return raw.get("variant").asText();
        }
        if (c != null) {
            Object v = c.extra().get("variant");
            v = v != null ? v : c.hyperparameters().get("variant");
            return v != null ? v.toString() : null;
        }
        return null;
    }

    Views.RunDetail detail(Instant now) {
        JobStatus s = status.value();
        return new Views.RunDetail(row(now), curves.curves(), evaluation.scoreCurves(), s != null ? s.host() : null,
                s != null ? Long.valueOf(s.pid()) : null,
                s != null && s.throughput() != null ? s.throughput().updatesPerSecond() : lastStepsPerSecond);
    }

    /** Seconds the run has taken so far by its heartbeat (null without one). */
    Double elapsedSeconds() {
        JobStatus s = status.value();
        if (s == null || s.startedAt() == null || s.updatedAt() == null) {
            return null;
        }
        return java.time.Duration.between(s.startedAt(), s.updatedAt()).toMillis() / 1000.0;
    }

    private Instant modified(String file) {
        try {
            return Files.getLastModifiedTime(dir.resolve(file)).toInstant();
        } catch (IOException e) {
            return null;
        }
    }
}
