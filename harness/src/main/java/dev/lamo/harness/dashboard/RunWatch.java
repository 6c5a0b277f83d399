package dev.lamo.harness.dashboard;

import dev.lamo.envs.Json;
import dev.lamo.results.records.JobStatus;
import dev.lamo.results.records.RunConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.util.ArrayList;
import java.util.List;

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
    private final FolderFile<JobStatus> status;
    private final JsonLinesTail metrics;
    private final DecimatedSeries.Group curves;
    private final EvaluationWatch evaluation;
    private long lastStep = -1;
    private Double lastStepsPerSecond;
    private long revision;
    private long linesRead;
    private final JsonLinesTail.LineHandler metricsReader = new JsonLinesTail.LineHandler() {
        @Override
        public boolean line(byte[] bytes, int offset, int length) {
            return metricsLine(bytes, offset, length);
        }

        @Override
        public void restarted() {
            curves.clear();
            lastStep = -1;
            lastStepsPerSecond = null;
        }
    };
    private final List<String> names = new ArrayList<>();
    private double[] values = new double[16];

    RunWatch(String id, Path dir, int curvePoints, int maxBytesPerPoll) {
        this.id = id;
        this.dir = dir;
        this.config = new FolderFile<>(dir.resolve(CONFIG), RunConfig::read);
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
        long before = linesRead;
        JsonLinesTail.Progress read = metrics.poll(metricsReader);
        changed |= read.restarted() || linesRead != before;
        boolean more = evaluation.poll(now) | read.more();
        if (changed) {
            revision++;
        }
        return more;
    }

    /**
     * One {@code metrics.jsonl} line, read with a streaming parser (no tree per line: a million-line file is mostly
     * this): every number becomes a point of the curve of its key, prefixed by the line's kind unless it is
     * {@code train}. Nested values and other fields are skipped; a line without a numeric step is not a record.
     */
    private boolean metricsLine(byte[] bytes, int offset, int length) {
        names.clear();
        double step = Double.NaN;
        String kind = "train";
        try (JsonParser p = Json.mapper().getFactory().createParser(bytes, offset, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT) {
                    if (name.equals("step")) {
                        step = p.getDoubleValue();
                    } else {
                        value(name, p.getDoubleValue());
                    }
                } else if (v == JsonToken.VALUE_STRING) {
                    String text = p.getText();
                    if (name.equals("kind")) {
                        kind = text;
                    } else if (text.equals("NaN") || text.endsWith("Infinity")) {
                        value(name, Double.NaN); // not finite: a gap in the curve
                    }
                } else if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
                    p.skipChildren();
                }
            }
            if (t != JsonToken.END_OBJECT || p.nextToken() != null || Double.isNaN(step)) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
        String prefix = kind.equals("train") ? "" : kind + " ";
        for (int i = 0; i < names.size(); i++) {
            curves.add(prefix.isEmpty() ? names.get(i) : prefix + names.get(i), step, values[i]);
        }
        if (kind.equals("train")) {
            lastStep = Math.max(lastStep, (long) step);
            int sps = names.indexOf("steps_per_second");
            if (sps >= 0 && Double.isFinite(values[sps])) {
                lastStepsPerSecond = values[sps];
            }
        }
        linesRead++;
        return true;
    }

    private void value(String name, double v) {
        if (names.size() == values.length) {
            values = java.util.Arrays.copyOf(values, values.length * 2);
        }
        values[names.size()] = v;
        names.add(name);
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

    /** The run's variant label when it is not just its algorithm's name. */
    private static String variant(RunConfig c) {
        return c == null || c.variant().equals(c.algorithm()) ? null : c.variant();
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
