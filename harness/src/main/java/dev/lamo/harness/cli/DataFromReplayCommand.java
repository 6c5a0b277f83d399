package dev.lamo.harness.cli;

import dev.lamo.envs.data.D4rlReader;
import dev.lamo.envs.data.DatasetWriter;
import dev.lamo.envs.data.TrajectoryDataset;
import dev.lamo.policies.run.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lamo data from-replay}: an online agent's replay buffer as a dataset (D4RL's medium-replay recipe). */
@Command(name = "from-replay", mixinStandardHelpOptions = true,
        description = "Write the transitions an online run (sac) collected, up to a training step, as a dataset; "
                + "an episode unfinished at that step is dropped unless --keep-trailing.")
final class DataFromReplayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "Run directory of an online run.")
    Path runDir;

    @Option(names = "--until-step", description = "Keep the transitions of the first S environment steps (default: all saved).")
    Long untilStep;

    @Option(names = "--keep-trailing", description = "Keep the episode unfinished at the cut as a truncated episode.")
    boolean keepTrailing;

    @Option(names = "--dataset-id", description = "Dataset id (default: ENV-medium-replay-sSEED-untilS).")
    String datasetId;

    @Option(names = "--out", required = true, description = "Output HDF5 file.")
    Path out;

    @Override
    public Integer call() {
        RunDirectory run = RunDirectory.open(runDir);
        Path replay = runDir.resolve("replay.hdf5");
        if (!Files.isRegularFile(replay)) {
            throw new BadInputException(runDir + ": no replay.hdf5 (only online runs such as sac save their replay buffer)");
        }
        if (untilStep != null && untilStep < 1) {
            throw new BadInputException("--until-step must be >= 1, got " + untilStep);
        }
        TrajectoryDataset d = D4rlReader.read(replay, new D4rlReader.Options(0, keepTrailing, untilStep == null ? 0 : untilStep));
        var config = run.config();
        String id = datasetId != null ? datasetId : config.envId() + "-replay-s" + config.seed()
                + (untilStep == null ? "" : "-until" + untilStep);
        d = d.withMetadata(d.metadata().withDatasetId(id).withEnv(config.envId(), config.envVersion())
                .withBehavior("replay buffer of " + config.algorithm(), Map.of("run", runDir.toString(),
                        "until_step", untilStep == null ? "all saved" : untilStep), null, config.seed()));
        DatasetWriter.write(d, out);
        spec.commandLine().getOut().printf("%s: %d episodes, %d transitions (%d unfinished steps dropped) -> %s%n",
                id, d.episodes(), d.size(), d.metadata().droppedSteps(), out);
        return 0;
    }
}
