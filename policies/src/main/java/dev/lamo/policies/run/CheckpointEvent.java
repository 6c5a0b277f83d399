package dev.lamo.policies.run;

import java.nio.file.Path;
import java.util.Map;

/**
 * A trainer finished writing a checkpoint. Trainers only emit these; whoever listens (the evaluation
 * harness with {@code --eval-every}) decides what to do, so trainers never call the harness.
 *
 * @param runDir       the run directory
 * @param step         training step of the checkpoint
 * @param checkpoint   the checkpoint folder ({@code checkpoints/step_N})
 * @param measurements what the trainer measured at that point
 */
public record CheckpointEvent(Path runDir, long step, Path checkpoint, Map<String, Object> measurements) {
}
