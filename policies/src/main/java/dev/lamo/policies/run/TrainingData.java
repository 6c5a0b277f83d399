package dev.lamo.policies.run;

import dev.lamo.envs.EnvRegistry;
import dev.lamo.envs.arcade.ArcadeEnv;
import dev.lamo.envs.data.DatasetMetadata;
import dev.lamo.envs.data.Datasets;
import dev.lamo.envs.data.DownSampler;
import dev.lamo.envs.data.EnvCheck;
import dev.lamo.envs.data.TrajectoryDataset;
import dev.lamo.envs.data.frames.FrameDataset;
import dev.lamo.envs.data.frames.FrameDatasetReader;
import dev.lamo.envs.spaces.DiscreteSpace;
import dev.lamo.results.records.DatasetRef;
import java.nio.file.Path;

/**
 * The offline data a run trains on: the file, checked against the environment, down-sampled to the run's ratio,
 * and the record that ties the run to the file (its sha256 is checked again on resume). State vectors and frames
 * share this plumbing; their rules differ on purpose and live in their {@link Lane}: D4RL-style data draw whole
 * trajectories uniformly (LaMo's down-sampling), frame data in proportion to length (LaMo's Atari rule) and read only
 * the chosen episodes' frames.
 *
 * @param <D> the dataset type of the lane
 */
public record TrainingData<D>(D data, DatasetRef ref) {

    /** How one kind of dataset is read, down-sampled and checked. */
    public interface Lane<D> {

        /** Reads a file for a new run, keeping {@code ratio} of its trajectories (null: all) drawn with {@code seed}. */
        D read(Path file, Double ratio, long seed);

        /** Reads a run's data again, as recorded in {@code ref}. */
        D reread(DatasetRef ref);

        DatasetMetadata metadata(D data);

        int episodes(D data);

        long size(D data);

        /** Fails in one line naming the file when its spaces do not match the environment's. */
        void requireCompatible(Path file, D data, String envId);
    }

    /** D4RL-style state vectors: the whole file, then LaMo's uniform choice of trajectories. */
    public static final Lane<TrajectoryDataset> VECTORS = new Lane<>() {
        @Override
        public TrajectoryDataset read(Path file, Double ratio, long seed) {
            TrajectoryDataset full = Datasets.open(file);
            return ratio == null ? full : DownSampler.sample(full, ratio, seed, DownSampler.Weighting.UNIFORM);
        }

        @Override
        public TrajectoryDataset reread(DatasetRef ref) {
            TrajectoryDataset full = Datasets.open(Path.of(ref.file()));
            return ref.ratio() < 1 ? DownSampler.sample(full, ref.ratio(), ref.sampleSeed(), DownSampler.Weighting.UNIFORM)
                    : full;
        }

        @Override
        public DatasetMetadata metadata(TrajectoryDataset data) {
            return data.metadata();
        }

        @Override
        public int episodes(TrajectoryDataset data) {
            return data.episodes();
        }

        @Override
        public long size(TrajectoryDataset data) {
            return data.size();
        }

        @Override
        public void requireCompatible(Path file, TrajectoryDataset data, String envId) {
            try (var env = EnvRegistry.make(envId)) {
                EnvCheck.requireCompatible(data, env.observationSpace().flatSize(), env.actionSpace().flatSize(), envId);
            }
        }
    };

    /** Frame datasets of the arcade games: trajectories drawn in proportion to length, only their frames read. */
    public static final Lane<FrameDataset> FRAMES = new Lane<>() {
        @Override
        public FrameDataset read(Path file, Double ratio, long seed) {
            return FrameDatasetReader.read(file, ratio == null ? 1.0 : ratio, seed, DownSampler.Weighting.BY_LENGTH);
        }

        @Override
        public FrameDataset reread(DatasetRef ref) {
            return FrameDatasetReader.read(Path.of(ref.file()), ref.ratio(), ref.sampleSeed() == null ? 0 : ref.sampleSeed(),
                    DownSampler.Weighting.BY_LENGTH);
        }

        @Override
        public DatasetMetadata metadata(FrameDataset data) {
            return data.metadata();
        }

        @Override
        public int episodes(FrameDataset data) {
            return data.episodes();
        }

        @Override
        public long size(FrameDataset data) {
            return data.size();
        }

        @Override
        public void requireCompatible(Path file, FrameDataset data, String envId) {
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
    };

    /** Opens {@code file} for a new run; {@code ratio} null keeps every trajectory. */
    public static <D> TrainingData<D> forNewRun(Lane<D> lane, Path file, String envId, Double ratio, Long sampleSeed) {
        if (ratio != null && !(ratio > 0 && ratio <= 1)) {
            throw new IllegalArgumentException("--ratio must be in (0, 1], got " + ratio);
        }
        long seed = sampleSeed == null ? 0L : sampleSeed;
        D data = lane.read(file, ratio, seed);
        lane.requireCompatible(file, data, envId);
        DatasetRef ref = new DatasetRef(lane.metadata(data).datasetId(), file.toString(), lane.metadata(data).sourceSha256(),
                ratio == null ? 1.0 : ratio, ratio == null ? null : seed, lane.episodes(data), lane.size(data));
        return new TrainingData<>(data, ref);
    }

    /** State vectors for a new run. */
    public static TrainingData<TrajectoryDataset> forNewRun(Path file, String envId, Double ratio, Long sampleSeed) {
        return forNewRun(VECTORS, file, envId, ratio, sampleSeed);
    }

    /** The same data again for a resumed run; refuses a file whose content changed since the run started. */
    public static <D> TrainingData<D> forResume(Lane<D> lane, DatasetRef ref) {
        D data = lane.reread(ref);
        if (!lane.metadata(data).sourceSha256().equals(ref.sha256())) {
            throw new IllegalArgumentException(ref.file() + ": its sha256 changed since the run started (was "
                    + ref.sha256() + ")");
        }
        return new TrainingData<>(data, ref);
    }
}
