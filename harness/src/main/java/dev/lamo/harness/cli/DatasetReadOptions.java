package dev.lamo.harness.cli;

import dev.lamo.envs.data.D4rlReader;
import dev.lamo.envs.data.Datasets;
import dev.lamo.envs.data.TrajectoryDataset;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How episodes are cut when reading files in D4RL's layout; shared by every command that reads data. */
final class DatasetReadOptions {

    @Option(names = "--max-episode-length", defaultValue = "0",
            description = "Cut episodes at this many steps (LaMo's rule for files without timeouts: 1000); 0: no cut.")
    int maxEpisodeLength;

    @Option(names = "--keep-trailing", description = "Keep a trailing segment without end flag as a truncated episode.")
    boolean keepTrailing;

    @Option(names = "--lamo-split", description = "LaMo's own D4RL trajectory split, for its exact trajectory counts: "
            + "the rows qlearning_dataset keeps (timeout rows and the last row dropped), cut at every terminal or after "
            + "1000 accumulated steps.")
    boolean lamoSplit;

    TrajectoryDataset open(Path file) {
        if (maxEpisodeLength < 0) {
            throw new BadInputException("--max-episode-length must be >= 0, got " + maxEpisodeLength);
        }
        if (lamoSplit && (maxEpisodeLength != 0 || keepTrailing)) {
            throw new BadInputException("--lamo-split cuts at 1000 steps and drops a trailing segment itself; it takes "
                    + "neither --max-episode-length nor --keep-trailing");
        }
        return Datasets.open(file, new D4rlReader.Options(maxEpisodeLength, keepTrailing, 0, lamoSplit));
    }
}
