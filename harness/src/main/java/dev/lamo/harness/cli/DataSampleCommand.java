package dev.lamo.harness.cli;

import dev.lamo.envs.data.DatasetWriter;
import dev.lamo.envs.data.DownSampler;
import dev.lamo.envs.data.TrajectoryDataset;
import dev.lamo.envs.data.frames.FrameDataset;
import dev.lamo.envs.data.frames.FrameDatasetReader;
import dev.lamo.envs.data.frames.FrameDatasetWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lamo data sample}: keep a seeded fraction of whole trajectories (LaMo's data-scarce splits). */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Keep max(1, floor(N*ratio)) whole trajectories, drawn without replacement from a seeded generator.")
final class DataSampleCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--ratio", required = true, description = "Fraction of trajectories to keep, in (0, 1].")
    double ratio;

    @Option(names = "--seed", required = true, description = "Sampling seed.")
    long seed;

    @Option(names = "--by-length", description = "Draw trajectories with probability proportional to their length "
            + "(LaMo's Atari method; always so for frame datasets).")
    boolean byLength;

    @Parameters(index = "0", paramLabel = "IN", description = "Input dataset.")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "Output HDF5 file.")
    Path out;

    @Mixin
    DatasetReadOptions read;

    @Override
    public Integer call() {
        if (!(ratio > 0 && ratio <= 1)) {
            throw new BadInputException("--ratio must be in (0, 1], got " + ratio);
        }
        if (FrameDatasetReader.isFrameDataset(in)) {
            return sampleFrames();
        }
        TrajectoryDataset d = read.open(in);
        TrajectoryDataset s = DownSampler.sample(d, ratio, seed,
                byLength ? DownSampler.Weighting.BY_LENGTH : DownSampler.Weighting.UNIFORM);
        DatasetWriter.write(s, out);
        spec.commandLine().getOut().printf("kept %d of %d episodes (%d transitions) -> %s (dataset id %s)%n",
                s.episodes(), d.episodes(), s.size(), out, s.metadata().datasetId());
        return 0;
    }

    /** Frame datasets: LaMo's Atari down-sampling, reading only the kept episodes' frames. */
    private Integer sampleFrames() {
        FrameDataset s = FrameDatasetReader.read(in, ratio, seed, DownSampler.Weighting.BY_LENGTH);
        FrameDatasetWriter.write(s, out);
        spec.commandLine().getOut().printf("kept %d episodes (%d transitions, drawn by length) -> %s (dataset id %s)%n",
                s.episodes(), s.size(), out, s.metadata().datasetId());
        return 0;
    }
}
