package dev.lamo.harness.cli;

import dev.lamo.envs.EnvRegistry;
import dev.lamo.envs.EnvSpec;
import dev.lamo.envs.data.DatasetWriter;
import dev.lamo.envs.data.TrajectoryDataset;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lamo data convert}: a Minari folder or a D4RL file to our HDF5 format, with provenance. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Convert a Minari dataset folder or a D4RL HDF5 file to our HDF5 format (episodes split as read).")
final class DataConvertCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "Minari folder or D4RL file.")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "Output HDF5 file.")
    Path out;

    @Option(names = "--dataset-id", description = "Dataset id to record (default: the source's).")
    String datasetId;

    @Option(names = "--env", description = "Environment the data belong to (recorded; sizes are checked).")
    String envId;

    @Mixin
    DatasetReadOptions read;

    @Override
    public Integer call() {
        TrajectoryDataset d = read.open(in);
        if (datasetId != null) {
            d = d.withMetadata(d.metadata().withDatasetId(datasetId));
        }
        if (envId != null) {
            EnvSpec s = EnvRegistry.spec(envId);
            try (var env = EnvRegistry.make(envId)) {
                dev.lamo.envs.data.EnvCheck.requireCompatible(d, env.observationSpace().flatSize(),
                        env.actionSpace().flatSize(), envId);
            }
            d = d.withMetadata(d.metadata().withEnv(s.id(), s.version()));
        }
        DatasetWriter.write(d, out);
        spec.commandLine().getOut().printf("%s: %d episodes, %d transitions (%d trailing steps dropped) -> %s%n",
                d.metadata().datasetId(), d.episodes(), d.size(), d.metadata().droppedSteps(), out);
        return 0;
    }
}
