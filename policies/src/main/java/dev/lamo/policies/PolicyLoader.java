package dev.lamo.policies;

import dev.lamo.policies.registry.Algorithms;
import dev.lamo.policies.run.RunDirectory;
import dev.lamo.results.records.RecordFormatException;
import dev.lamo.results.records.RunConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Loads any trained policy of this project from a run directory or one of its checkpoints. */
public final class PolicyLoader {

    /** A resolved checkpoint: its run, its step and its folder. */
    public record CheckpointRef(RunDirectory run, RunConfig config, long step, Path folder) {
    }

    private PolicyLoader() {
    }

    /**
     * Resolves {@code RUN_DIR} (its latest checkpoint), {@code RUN_DIR/checkpoints/step_N}, or a run directory
     * with an explicit step.
     */
    public static CheckpointRef resolve(Path path, Long step) {
        Path runPath = path;
        Long chosen = step;
        if (!Files.isRegularFile(path.resolve(RunDirectory.CONFIG)) && path.getFileName() != null
                && path.getFileName().toString().matches("step_\\d+") && path.getParent() != null
                && path.getParent().getParent() != null) {
            runPath = path.getParent().getParent();
            chosen = Long.parseLong(path.getFileName().toString().substring(5));
        }
        if (!Files.exists(runPath)) {
            throw new RecordFormatException(path + ": no such run directory or checkpoint");
        }
        RunDirectory run = RunDirectory.open(runPath);
        List<Long> steps = run.checkpointSteps();
        if (steps.isEmpty()) {
            throw new RecordFormatException(runPath + ": the run has no checkpoint yet");
        }
        if (chosen == null) {
            chosen = steps.get(steps.size() - 1);
        } else if (!steps.contains(chosen)) {
            throw new RecordFormatException(runPath + ": no checkpoint at step " + chosen + "; available: " + steps);
        }
        return new CheckpointRef(run, run.config(), chosen, run.checkpoint(chosen));
    }

    /** Whether an algorithm's policies are conditioned on a return-to-go target (LaMo and DT). */
    public static boolean isReturnConditioned(String algorithm) {
        return Algorithms.isReturnConditioned(algorithm);
    }

    public static Policy load(CheckpointRef ref) {
        String algorithm = ref.config().algorithm();
        if (!Algorithms.contains(algorithm)) {
            throw new RecordFormatException(ref.run().path() + ": no policy loader for algorithm '" + algorithm + "'");
        }
        return Algorithms.get(algorithm).loader().load(ref.config(), ref.folder());
    }
}
