package dev.lamo.envs.data;

import java.nio.file.Files;
import java.nio.file.Path;

/** Opens any dataset the project reads: our HDF5 files, D4RL HDF5 files and Minari dataset folders. */
public final class Datasets {

    private Datasets() {
    }

    public static TrajectoryDataset open(Path path) {
        return open(path, D4rlReader.Options.DEFAULT);
    }

    public static TrajectoryDataset open(Path path, D4rlReader.Options options) {
        if (MinariReader.isMinari(path)) {
            return MinariReader.read(path);
        }
        if (Files.isDirectory(path)) {
            throw new DatasetFormatException(path + ": a folder that is not a Minari dataset (expected data/main_data.hdf5)");
        }
        return D4rlReader.read(path, options);
    }
}
