package dev.lamo.policies.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamo.envs.Json;
import dev.lamo.results.records.MetricsLog;
import dev.lamo.results.records.Records;
import dev.lamo.results.records.RunConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The life of every training run, whatever the algorithm: resume from the latest checkpoint (or start clean), then
 * step to the planned total with one cadence: update; every {@code log_every} steps and at the last a metrics line of
 * the window's means; every {@code checkpoint_every} steps and at the last an atomic checkpoint announced to the
 * listeners; a stop after {@code stopAfter} steps of this session (as if interrupted). Updates the algorithm reports
 * as skipped (a non-finite gradient) are counted in the log line, and {@link #MAX_CONSECUTIVE_SKIPS} in a row stop
 * the run as diverged, its last checkpoint intact.
 *
 * <p>An algorithm supplies a {@link Learner}: its update step, its log fields and the state it saves. The checkpoint
 * holds the learner's tensor files and {@code trainer_state.json}, which is {@code {"step": N}} plus the learner's own
 * fields.
 */
public final class TrainingRun {

    public static final String STATE_FILE = "trainer_state.json";
    /** Updates with non-finite gradients in a row before training stops as diverged. */
    public static final int MAX_CONSECUTIVE_SKIPS = 10;

    /** An algorithm's part of a run. */
    public interface Learner extends AutoCloseable {

        /** Performs update number {@code step} (counted from 1) and reports what it measured. */
        Update update(long step, MetricsLog metrics);

        /**
         * The algorithm's fields of the log line at {@code step}: by default the window's means; learners add the
         * learning rate, a validation loss and the like.
         */
        default Map<String, Object> logLine(long step, WindowMeans means) {
            return new LinkedHashMap<>(means.asMap());
        }

        /** A few words for the progress bar. */
        default String progress(WindowMeans means) {
            return "";
        }

        /** Measurements recorded with the checkpoint at {@code step} (a validation loss, an evaluation). */
        default Map<String, Object> checkpointMeasurements(long step) {
            return Map.of();
        }

        /** Writes the checkpoint's tensor files into {@code folder} and returns their names. */
        List<String> save(Path folder) throws IOException;

        /** Reads what {@link #save} wrote. */
        void load(Path folder) throws IOException;

        /** Adds the learner's state (random generators, positions) to the checkpoint's state record. */
        void saveState(ObjectNode state);

        /** Restores what {@link #saveState} added. */
        void loadState(JsonNode state);

        /** Why the run stopped after {@link #MAX_CONSECUTIVE_SKIPS} skipped updates, naming where it went wrong. */
        default String divergence(long step) {
            return "training diverged at step " + step + ": non-finite gradients in " + MAX_CONSECUTIVE_SKIPS
                    + " consecutive steps; the last checkpoint is intact (lower lr with --set, or resume from it)";
        }

        @Override
        void close();
    }

    /**
     * What one update measured, and whether it was applied (false: skipped, its gradients were not finite).
     */
    public record Update(Map<String, Double> measurements, boolean applied) {

        public static Update applied(Map<String, Double> measurements) {
            return new Update(measurements, true);
        }

        public static Update skipped(Map<String, Double> measurements) {
            return new Update(measurements, false);
        }
    }

    /** Means over the updates of one log window, each over the updates that reported it. */
    public static final class WindowMeans {
        private final Map<String, double[]> sums = new LinkedHashMap<>();
        private int skipped;

        void add(Update u) {
            u.measurements().forEach((k, v) -> {
                double[] s = sums.computeIfAbsent(k, x -> new double[2]);
                s[0] += v;
                s[1]++;
            });
            if (!u.applied()) {
                skipped++;
            }
        }

        /** The mean of a measurement, or NaN if no update of the window reported it. */
        public double mean(String key) {
            double[] s = sums.get(key);
            return s == null ? Double.NaN : s[0] / s[1];
        }

        public boolean has(String key) {
            return sums.containsKey(key);
        }

        /** Updates skipped in this window. */
        public int skipped() {
            return skipped;
        }

        public Map<String, Double> asMap() {
            Map<String, Double> m = new LinkedHashMap<>();
            sums.forEach((k, s) -> m.put(k, s[0] / s[1]));
            return m;
        }

        void clear() {
            sums.clear();
            skipped = 0;
        }
    }

    /** The cadence of a run, from its hyper-parameters. */
    public record Cadence(long logEvery, long checkpointEvery) {
    }

    private final RunDirectory run;
    private final RunConfig config;
    private final Learner learner;
    private final Cadence cadence;
    private final List<CheckpointListener> listeners = new ArrayList<>();
    private TrainingProgress progress = TrainingProgress.NONE;
    private long step;

    public TrainingRun(RunDirectory run, RunConfig config, Learner learner, Cadence cadence) {
        this.run = run;
        this.config = config;
        this.learner = learner;
        this.cadence = cadence;
    }

    /**
     * Opens a run to resume it, refusing one of another algorithm, and records a new planned total if one is asked
     * for. Returns the directory; {@link #config()} of the trainer built from it has the (extended) config.
     */
    public static RunDirectory openForResume(TrainingRequest request, Predicate<String> accepts, String expected) {
        RunDirectory run = RunDirectory.open(request.runDir());
        String recorded = run.config().algorithm();
        if (!accepts.test(recorded)) {
            throw new IllegalArgumentException(request.runDir() + " holds a " + recorded + " run, not " + expected);
        }
        run.extendTo(request.steps());
        return run;
    }

    /** Continues from the run's latest checkpoint, or, without one, from a clean metrics log. */
    public TrainingRun restoreLatest() {
        List<Long> checkpoints = run.checkpointSteps();
        if (checkpoints.isEmpty()) {
            MetricsLog.truncateAfter(run.metricsFile(), -1);
            return this;
        }
        Path dir = run.checkpoint(checkpoints.get(checkpoints.size() - 1));
        try {
            learner.load(dir);
            JsonNode state = Json.mapper().readTree(Files.readString(dir.resolve(STATE_FILE)));
            step = state.path("step").asLong();
            learner.loadState(state);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + dir + ": " + e.getMessage(), e);
        }
        MetricsLog.truncateAfter(run.metricsFile(), step);
        run.deleteCheckpointsAfter(step);
        return this;
    }

    /** Trains to the planned total (or {@code stopAfter} steps of this session), then closes the learner. */
    public void train(long stopAfter, List<CheckpointListener> checkpointListeners, TrainingProgress onProgress) {
        listeners.addAll(checkpointListeners);
        progress = onProgress;
        try {
            loop(stopAfter);
        } finally {
            learner.close();
        }
    }

    private void loop(long stopAfter) {
        long total = config.steps();
        long sessionStart = step;
        long lastLogStep = step;
        long lastLogTime = System.nanoTime();
        int consecutiveSkips = 0;
        WindowMeans window = new WindowMeans();
        try (MetricsLog metrics = run.metrics()) {
            while (step < total) {
                step++;
                Update u = learner.update(step, metrics);
                window.add(u);
                consecutiveSkips = u.applied() ? 0 : consecutiveSkips + 1;
                if (consecutiveSkips >= MAX_CONSECUTIVE_SKIPS) {
                    throw new TrainingDivergedException(learner.divergence(step));
                }
                if (step % cadence.logEvery() == 0 || step == total) {
                    long now = System.nanoTime();
                    Map<String, Object> line = learner.logLine(step, window);
                    if (window.skipped() > 0) {
                        line.put("skipped_updates", window.skipped());
                    }
                    line.put("steps_per_second", (step - lastLogStep) / ((now - lastLogTime) / 1e9));
                    metrics.write(step, "train", line);
                    progress.update(step, total, learner.progress(window));
                    window.clear();
                    lastLogStep = step;
                    lastLogTime = now;
                }
                if (step % cadence.checkpointEvery() == 0 || step == total) {
                    checkpoint();
                }
                if (stopAfter > 0 && step - sessionStart >= stopAfter) {
                    return;
                }
            }
        }
    }

    private void checkpoint() {
        Map<String, Object> measurements = learner.checkpointMeasurements(step);
        ObjectNode state = Json.mapper().createObjectNode();
        state.put("step", step);
        learner.saveState(state);
        Path folder = run.saveCheckpoint(config.algorithm(), step, measurements, dir -> {
            List<String> files = new ArrayList<>(learner.save(dir));
            Records.write(dir.resolve(STATE_FILE), state);
            files.add(STATE_FILE);
            return files;
        });
        CheckpointEvent event = new CheckpointEvent(run.path(), step, folder, measurements);
        for (CheckpointListener l : listeners) {
            l.onCheckpoint(event);
        }
    }
}
