package dev.lamo.harness.cli;

import dev.lamo.policies.PolicyBehavior;
import dev.lamo.policies.PolicyLoader;
import java.nio.file.Files;
import java.nio.file.Path;

/** Behaviours backed by a trained policy checkpoint of this project, named by a run directory or checkpoint. */
final class CheckpointBehaviors {

    private CheckpointBehaviors() {
    }

    static PolicyBehavior load(Path path, boolean stochastic) {
        if (!Files.exists(path)) {
            throw new BadInputException("--behavior " + path
                    + ": expected random, scripted, or an existing run directory or checkpoint");
        }
        return new PolicyBehavior(PolicyLoader.resolve(path, null), stochastic);
    }
}
