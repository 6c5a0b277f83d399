package dev.lamo.policies.run;

import dev.lamo.envs.EnvRegistry;
import dev.lamo.envs.arcade.ArcadeEnv;
import dev.lamo.envs.data.frames.FrameDataset;
import dev.lamo.envs.data.DownSampler;
import dev.lamo.envs.data.frames.FrameDatasetReader;
import dev.lamo.envs.spaces.DiscreteSpace;
import dev.lamo.results.records.DatasetRef;
import java.nio.file.Path;

/**
 * The pixel-game data a run trains on: its file, checked against the game's frames and action count, and
 * down-sampled to the run's ratio by LaMo's Atari rule (trajectories drawn in proportion to their length),
 * with the record that ties the run to the file.
 */
public record FrameTrainingData(FrameDataset data, DatasetRef ref) {

    /** Opens {@code file} for a new run; {@code ratio} null keeps every trajectory. */
    public static FrameTrainingData forNewRun(Path file, String envId, Double ratio, Long sampleSeed) {
        if (ratio != null && !(ratio > 0 && ratio <= 1)) {
            throw new IllegalArgumentException("--ratio must be in (0, 1], got " + ratio);
        }
        long seed = sampleSeed == null ? 0L : sampleSeed;
        FrameDataset data = FrameDatasetReader.read(file, ratio == null ? 1.0 : ratio, seed, DownSampler.Weighting.BY_LENGTH);
        requireCompatible(file, data, envId);
        DatasetRef ref = new DatasetRef(data.metadata().datasetId(), file.toString(), data.metadata().sourceSha256(),
                ratio == null ? 1.0 : ratio, ratio == null ? null : seed, data.episodes(), data.size());
        return new FrameTrainingData(data, ref);
    }

    /** The same data again for a resumed run; refuses a file whose content changed since the run started. */
    public static FrameTrainingData forResume(DatasetRef ref) {
        FrameDataset data = FrameDatasetReader.read(Path.of(ref.file()), ref.ratio(),
                ref.sampleSeed() == null ? 0 : ref.sampleSeed(), DownSampler.Weighting.BY_LENGTH);
        if (!data.metadata().sourceSha256().equals(ref.sha256())) {
            throw new IllegalArgumentException(ref.file() + ": its sha256 changed since the run started (was "
                    + ref.sha256() + ")");
        }
        return new FrameTrainingData(data, ref);
    }

    private static void requireCompatible(Path file, FrameDataset data, String envId) {
        try (var env = EnvRegistry.make(envId)) {
            if (!(env instanceof ArcadeEnv arcade)) {
                throw new IllegalArgumentException(file + " holds frames, but " + envId + " is not a pixel game");
            }
            int actions = ((DiscreteSpace) arcade.actionSpace()).n();
            int stackBytes = env.observationSpace().flatSize();
            if (data.actionCount() != actions || data.stackBytes() != stackBytes) {
                throw new IllegalArgumentException(file + ": " + data.actionCount() + " actions and " + data.frameStack()
                        + "×" + data.height() + "×" + data.width() + " observations, but " + envId + " has " + actions
                        + " actions and observations of " + stackBytes + " bytes");
            }
        }
    }
}
