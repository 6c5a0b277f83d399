package dev.lamo.harness.cli;

import dev.lamo.envs.data.D4rlReader;
import dev.lamo.envs.data.TrajectoryDataset;
import dev.lamo.results.stats.Descriptive;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lamo bench data}: seconds to read a D4RL-layout file fully into memory (median of rounds). */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Time reading a D4RL-layout HDF5 file fully into memory (every key, sha256 included).")
final class DataBenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--file", required = true, description = "HDF5 file (for example made by "
            + "envs/src/test/python/hdf5_fixtures.py make-large FILE 1000000).")
    Path file;

    @Option(names = "--rounds", defaultValue = "5", description = "Rounds; the median is reported (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("--file " + file + ": file not found");
        }
        if (rounds < 1) {
            throw new BadInputException("--rounds must be >= 1, got " + rounds);
        }
        PrintWriter out = spec.commandLine().getOut();
        double[] seconds = new double[rounds];
        TrajectoryDataset d = null;
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            d = D4rlReader.read(file);
            seconds[r] = (System.nanoTime() - t0) / 1e9;
            out.printf("round %d: %.3f s%n", r + 1, seconds[r]);
        }
        double median = Descriptive.median(seconds);
        out.printf("read %s: %d transitions, %d episodes, %.1f MB, %d cores%n", file, d.size(), d.episodes(),
                file.toFile().length() / 1e6, Runtime.getRuntime().availableProcessors());
        out.printf("median read time: %.3f s (%.2f M transitions/s)%n", median, d.size() / median / 1e6);
        return 0;
    }
}
