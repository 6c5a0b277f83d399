package dev.lamo.harness.cli;

import dev.lamo.envs.Env;
import dev.lamo.envs.EnvRegistry;
import dev.lamo.envs.Json;
import dev.lamo.envs.PhysicsEnv;
import dev.lamo.envs.data.EnvCheck;
import dev.lamo.envs.data.TrajectoryDataset;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lamo data check-env}: replays recorded steps from their physical states in our environment. */
@Command(name = "check-env", mixinStandardHelpOptions = true,
        description = "For sampled steps with recorded infos/qpos and infos/qvel, set the state, apply the recorded "
                + "action and report the largest differences from the recorded observation, reward and next observation.")
final class DataCheckEnvCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "Dataset file.")
    Path file;

    @Option(names = "--env", required = true, description = "Environment id.")
    String envId;

    @Option(names = "--samples", defaultValue = "1000", description = "Steps to replay (default: ${DEFAULT-VALUE}; all if larger than the dataset).")
    int samples;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the step sample.")
    long seed;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Mixin
    DatasetReadOptions read;

    @Override
    public Integer call() {
        if (samples < 1) {
            throw new BadInputException("--samples must be >= 1, got " + samples);
        }
        TrajectoryDataset d = read.open(file);
        try (Env<?, ?> env = EnvRegistry.make(envId)) {
            if (!(env instanceof PhysicsEnv physics)) {
                throw new BadInputException("--env " + envId + ": its physical state cannot be set, so it cannot replay steps");
            }
            EnvCheck.Report r = EnvCheck.check(d, physics, samples, seed);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(Json.writePretty(r));
            } else {
                out.printf("replayed %d steps of %s in %s%n", r.checked(), file, envId);
                out.printf("max |observation difference|       %.3g%n", r.maxObservationDiff());
                out.printf("max |next observation difference|  %.3g (row %d)%n", r.maxNextObservationDiff(), r.worstRow());
                out.printf("max |reward difference|            %.3g%n", r.maxRewardDiff());
                out.printf("terminal flag mismatches           %d%n", r.terminationMismatches());
                out.printf("simulator failures                 %d%n", r.simulatorFailures());
            }
        }
        return 0;
    }
}
