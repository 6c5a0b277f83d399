package dev.lamo.policies.run;

import dev.lamo.envs.EnvRegistry;
import dev.lamo.envs.data.Datasets;
import dev.lamo.envs.data.DownSampler;
import dev.lamo.envs.data.EnvCheck;
import dev.lamo.envs.data.TrajectoryDataset;
import dev.lamo.results.records.DatasetRef;
import java.nio.file.Path;

/**
 * The offline data a run trains on: its file, checked against the environment's spaces and down-sampled to the
 * run's ratio (LaMo's uniform choice of whole trajectories), with the record that ties the run to the file.
 */
public record TrainingData(TrajectoryDataset data, DatasetRef ref) {

    /** Opens {@code file} for a new run; {@code ratio} null keeps every trajectory. */
    public static TrainingData forNewRun(Path file, String envId, Double ratio, Long sampleSeed) {
        TrajectoryDataset full = Datasets.open(file);
        int obsDim;
        int actDim;
        try (var env = EnvRegistry.make(envId)) {
            obsDim = env.observationSpace().flatSize();
            actDim = env.actionSpace().flatSize();
        }
        EnvCheck.requireCompatible(full, obsDim, actDim, envId);
        TrajectoryDataset data = full;
        Long seed = null;
        if (ratio != null) {
            if (!(ratio > 0 && ratio <= 1)) {
                throw new IllegalArgumentException("--ratio must be in (0, 1], got " + ratio);
            }
            seed = sampleSeed == null ? 0L : sampleSeed;
            data = DownSampler.sample(full, ratio, seed, DownSampler.Weighting.UNIFORM);
        }
        DatasetRef ref = new DatasetRef(data.metadata().datasetId(), file.toString(), full.metadata().sourceSha256(),
                ratio == null ? 1.0 : ratio, seed, data.episodes(), data.size());
        return new TrainingData(data, ref);
    }

    /** The same data again for a resumed run; refuses a file whose content changed since the run started. */
    public static TrainingData forResume(DatasetRef ref) {
        TrajectoryDataset full = Datasets.open(Path.of(ref.file()));
        if (!full.metadata().sourceSha256().equals(ref.sha256())) {
            throw new IllegalArgumentException(ref.file() + ": its sha256 changed since the run started (was "
                    + ref.sha256() + ")");
        }
        TrajectoryDataset data = ref.ratio() < 1
                ? DownSampler.sample(full, ref.ratio(), ref.sampleSeed(), DownSampler.Weighting.UNIFORM) : full;
        return new TrainingData(data, ref);
    }
}
