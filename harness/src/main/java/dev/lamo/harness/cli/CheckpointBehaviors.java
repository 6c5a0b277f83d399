package dev.lamo.harness.cli;

import dev.lamo.envs.behavior.Behavior;
import java.nio.file.Files;
import java.nio.file.Path;

/** Behaviours backed by a trained policy checkpoint of this project, named by a run directory or checkpoint. */
final class CheckpointBehaviors {

    private CheckpointBehaviors() {
    }

    static Behavior load(Path path, String envId) {
        if (!Files.exists(path)) {
            throw new BadInputException("--behavior " + path + ": expected random, scripted, or an existing run directory or checkpoint");
        }
        throw new BadInputException("--behavior " + path + ": no policy checkpoint found there (expected checkpoints/step_N/ from lamo train)");
    }
}
