package dev.lamo.policies.run;

import dev.lamo.envs.Folders;
import dev.lamo.results.records.CheckpointRecord;
import dev.lamo.results.records.MetricsLog;
import dev.lamo.results.records.RecordFormatException;
import dev.lamo.results.records.Records;
import dev.lamo.results.records.RunConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A training run on disk:
 * <pre>
 * RUN_DIR/config.json                      every setting (RunConfig)
 * RUN_DIR/metrics.jsonl                    one JSON line per log event, appended and flushed
 * RUN_DIR/checkpoints/step_N/              model weights (*.safetensors), trainer state, checkpoint.json
 * </pre>
 * A checkpoint is written into a hidden temporary folder and renamed into place, so a crash never leaves a
 * half checkpoint.
 */
public final class RunDirectory {

    public static final String CONFIG = "config.json";
    public static final String METRICS = "metrics.jsonl";
    public static final String CHECKPOINTS = "checkpoints";
    public static final String CHECKPOINT_RECORD = "checkpoint.json";
    private static final Pattern STEP = Pattern.compile("step_(\\d+)");

    private final Path dir;

    private RunDirectory(Path dir) {
        this.dir = dir;
    }

    /** Starts a new run; refuses a folder that already holds one. */
    public static RunDirectory create(Path dir, RunConfig config) {
        if (Files.exists(dir.resolve(CONFIG))) {
            throw new IllegalArgumentException(dir + " already holds a run (config.json exists); use --resume or another --out");
        }
        config.write(dir.resolve(CONFIG));
        return new RunDirectory(dir);
    }

    /** Opens an existing run. */
    public static RunDirectory open(Path dir) {
        if (!Files.isRegularFile(dir.resolve(CONFIG))) {
            throw new RecordFormatException(dir + ": not a run directory (no config.json)");
        }
        return new RunDirectory(dir);
    }

    public Path path() {
        return dir;
    }

    public RunConfig config() {
        return RunConfig.read(dir.resolve(CONFIG));
    }

    /**
     * On resume with {@code --steps}: records the new planned total in config.json and returns the config (which
     * is returned unchanged when {@code steps} is null or equal).
     */
    public RunConfig extendTo(Long steps) {
        RunConfig rc = config();
        if (steps == null || steps == rc.steps()) {
            return rc;
        }
        RunConfig extended = rc.withSteps(steps);
        extended.write(dir.resolve(CONFIG));
        return extended;
    }

    public MetricsLog metrics() {
        return MetricsLog.append(dir.resolve(METRICS));
    }

    public Path metricsFile() {
        return dir.resolve(METRICS);
    }

    /** Checkpoint steps, ascending. */
    public List<Long> checkpointSteps() {
        Path root = dir.resolve(CHECKPOINTS);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<Long> steps = new ArrayList<>();
        try (Stream<Path> s = Files.list(root)) {
            s.forEach(p -> {
                Matcher m = STEP.matcher(p.getFileName().toString());
                if (m.matches() && Files.isRegularFile(p.resolve(CHECKPOINT_RECORD))) {
                    steps.add(Long.parseLong(m.group(1)));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        steps.sort(Comparator.naturalOrder());
        return steps;
    }

    public Path checkpoint(long step) {
        return dir.resolve(CHECKPOINTS).resolve("step_" + step);
    }

    public CheckpointRecord checkpointRecord(long step) {
        return Records.read(checkpoint(step).resolve(CHECKPOINT_RECORD), CheckpointRecord.class, CheckpointRecord.SCHEMA,
                CheckpointRecord.VERSION);
    }

    /** Writes the files of a checkpoint. */
    @FunctionalInterface
    public interface CheckpointWriter {
        /** Writes into {@code folder} and returns the names of the files written. */
        List<String> write(Path folder) throws IOException;
    }

    /**
     * Writes a checkpoint atomically: files into {@code checkpoints/.step_N.tmp}, the checkpoint record last,
     * then a rename to {@code checkpoints/step_N}. Returns the final folder.
     */
    public Path saveCheckpoint(String algorithm, long step, Map<String, Object> measurements, CheckpointWriter writer) {
        Path tmp = dir.resolve(CHECKPOINTS).resolve(".step_" + step + ".tmp");
        Path target = checkpoint(step);
        try {
            Folders.deleteRecursively(tmp);
            Files.createDirectories(tmp);
            List<String> files = writer.write(tmp);
            Records.write(tmp.resolve(CHECKPOINT_RECORD), CheckpointRecord.of(algorithm, step, files, measurements));
            Folders.deleteRecursively(target);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + target + ": " + e.getMessage(), e);
        }
    }

    /** Removes checkpoints after {@code step} (a resumed run rewinds to its checkpoint). */
    public void deleteCheckpointsAfter(long step) {
        for (long s : checkpointSteps()) {
            if (s > step) {
                Folders.deleteRecursively(checkpoint(s));
            }
        }
    }
}
