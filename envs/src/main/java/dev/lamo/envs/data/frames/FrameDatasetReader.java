package dev.lamo.envs.data.frames;

import dev.lamo.envs.arcade.ArcadeTitle;
import dev.lamo.envs.data.D4rlReader;
import dev.lamo.envs.data.DatasetFormatException;
import dev.lamo.envs.data.DatasetMetadata;
import dev.lamo.envs.data.DownSampler;
import dev.lamo.envs.data.EpisodeSplitter;
import dev.lamo.envs.data.EpisodicDataset;
import dev.lamo.envs.data.Hdf5Columns;
import dev.lamo.envs.data.Sha256;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.exceptions.HdfException;
import io.jhdf.object.datatype.FixedPoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads frame datasets: ours ({@link FrameDatasetWriter}'s layout, inline or in parts) and d4rl-atari-style files
 * with only {@code observations} (N, 84, 84) uint8, {@code actions}, {@code rewards} and {@code terminals}
 * (episodes end at terminals; a trailing unfinished episode is dropped and counted in
 * {@link DatasetMetadata#droppedSteps()}).
 *
 * <p>Down-sampling happens while reading: the small columns are read first, episodes are chosen with
 * {@link DownSampler#choose}, and only the chosen episodes' frames are read, so a tenth of a million-frame
 * file never loads the other nine tenths.
 */
public final class FrameDatasetReader {

    /** Frames per observation when a file does not say (d4rl-atari's and LaMo's 4). */
    public static final int DEFAULT_FRAME_STACK = 4;

    private FrameDatasetReader() {
    }

    /** Whether {@code file} is an HDF5 file whose observations are single uint8 frames (inline or in parts). */
    public static boolean isFrameDataset(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (HdfFile hdf = new HdfFile(file)) {
            Hdf5Columns h = new Hdf5Columns(hdf, file);
            if (h.has("observation_part_files")) {
                return true;
            }
            if (!h.has("observations")) {
                return false;
            }
            Dataset ds = h.dataset("observations");
            return ds.getDimensions().length == 3 && ds.getDataType() instanceof FixedPoint fp && fp.getSize() == 1;
        } catch (RuntimeException e) {
            // not HDF5, or not readable as one: the general readers report what is wrong with it
            return false;
        }
    }

    /**
     * Everything but the frames of a frame dataset file: enough for summaries ({@code lamo data info}) without
     * reading gigabytes of pixels. Rows after the last end flag are already dropped.
     */
    public static final class Columns extends EpisodicDataset {

        private final int[] actions;
        private final int actionCount;
        private final int frameStack;
        private final int height;
        private final int width;

        /** @param episodeStarts row offsets of the episodes (episodes + 1 values) */
        Columns(DatasetMetadata metadata, int[] actions, float[] rewards, boolean[] terminated, boolean[] truncated,
                long[] episodeStarts, int actionCount, int frameStack, int height, int width) {
            super(metadata, rewards, terminated, truncated, intOffsets(episodeStarts));
            this.actions = actions;
            this.actionCount = actionCount;
            this.frameStack = frameStack;
            this.height = height;
            this.width = width;
        }

        public int[] actions() {
            return actions.clone();
        }

        public int actionCount() {
            return actionCount;
        }

        public int frameStack() {
            return frameStack;
        }

        public int height() {
            return height;
        }

        public int width() {
            return width;
        }

        /** The chosen episodes' rows as a dataset, frames read episode by episode. */
        FrameDataset select(FrameColumn frames, int[] chosen, DatasetMetadata metadata) {
            Selection picked = select(chosen);
            FrameStore store = new FrameStore(frames.height(), frames.width());
            int[] a = new int[picked.rewards().length];
            for (int i = 0; i < chosen.length; i++) {
                int len = picked.to()[i] - picked.from()[i];
                frames.copyRows(picked.from()[i], len, store);
                System.arraycopy(actions, picked.from()[i], a, picked.starts()[i], len);
            }
            return new FrameDataset(metadata, store, a, picked.rewards(), picked.terminated(), picked.truncated(),
                    actionCount, frameStack);
        }
    }

    public static FrameDataset read(Path file) {
        return read(file, 1.0, 0, DownSampler.Weighting.BY_LENGTH);
    }

    /** The columns and metadata of {@code file}, without its frames. */
    public static Columns readColumns(Path file) {
        return withFile(file, (h, hdf, frames) -> columns(file, h, hdf, frames));
    }

    /**
     * Reads the episodes {@link DownSampler#choose} keeps for {@code ratio} and {@code seed} (all when the ratio is
     * 1), recording the sampling in the metadata as {@link DownSampler#sample} does.
     */
    public static FrameDataset read(Path file, double ratio, long seed, DownSampler.Weighting weighting) {
        if (!(ratio > 0 && ratio <= 1)) {
            throw new IllegalArgumentException("sample ratio must be in (0, 1], got " + ratio);
        }
        return withFile(file, (h, hdf, frames) -> {
            Columns c = columns(file, h, hdf, frames);
            int[] chosen = ratio == 1 ? identity(c.episodes()) : DownSampler.choose(c.episodeLengths(), ratio, seed, weighting);
            DatasetMetadata metadata = c.metadata();
            if (ratio < 1) {
                String parent = metadata.datasetId();
                metadata = metadata.withSample(ratio, seed, parent)
                        .withDatasetId(DownSampler.sampleId(parent, ratio, seed, weighting));
            }
            return c.select(frames, chosen, metadata);
        });
    }

    private interface FileReader<T> {
        T read(Hdf5Columns h, HdfFile hdf, FrameColumn frames);
    }

    private static <T> T withFile(Path file, FileReader<T> reader) {
        if (!Files.isRegularFile(file)) {
            throw new DatasetFormatException(file + ": file not found");
        }
        try (HdfFile hdf = Hdf5Columns.open(file)) {
            Hdf5Columns h = new Hdf5Columns(hdf, file);
            for (String key : new String[] {"actions", "rewards", "terminals"}) {
                if (!h.has(key)) {
                    throw new DatasetFormatException(file + ": missing dataset '" + key + "' (expected d4rl-atari's layout: "
                            + "observations (N, 84, 84) uint8, actions, rewards, terminals, optional timeouts)");
                }
            }
            try (FrameColumn frames = FrameColumn.open(file, h)) {
                return reader.read(h, hdf, frames);
            }
        } catch (HdfException e) {
            throw new DatasetFormatException(file + ": corrupt or unsupported HDF5 content (" + e.getMessage() + ")", e);
        }
    }

    private static Columns columns(Path file, Hdf5Columns h, HdfFile hdf, FrameColumn frames) {
        long n = frames.rows();
        for (String key : new String[] {"actions", "rewards", "terminals", "timeouts"}) {
            if (h.has(key) && (h.rows(key) != n || h.rowSize(key) != 1)) {
                throw new DatasetFormatException(file + ": '" + key + "' has shape " + Arrays.toString(
                        h.dataset(key).getDimensions()) + ", expected (" + n + ",) like the observations");
            }
        }
        int[] actions = integers(file, "actions", h.doubles("actions"));
        float[] rewards = h.floats("rewards");
        Hdf5Columns.requireFinite(file, "rewards", rewards, 1);
        EpisodeSplitter.Split split = EpisodeSplitter.split(h.flags("terminals"),
                h.has("timeouts") ? h.flags("timeouts") : null, 0, false);
        if (split.starts().length < 2) {
            throw new DatasetFormatException(file + ": no complete episode (none of the " + n
                    + " steps has a terminal or timeout flag)");
        }
        DatasetMetadata recorded = D4rlReader.metadata(file, Sha256.of(file), h, hdf);
        DatasetMetadata metadata = recorded.withDroppedSteps(recorded.droppedSteps() + split.dropped());
        int frameStack = intScalar(h, "metadata/frame_stack", DEFAULT_FRAME_STACK);
        int actionCount = intScalar(h, "metadata/action_count", defaultActionCount(metadata, actions, split.rows()));
        for (int i = 0; i < split.rows(); i++) {
            if (actions[i] < 0 || actions[i] >= actionCount) {
                throw new DatasetFormatException(file + ": 'actions' row " + i + " is " + actions[i]
                        + ", expected an action in [0, " + actionCount + ")");
            }
        }
        if (metadata.observationSpace().isEmpty()) {
            metadata = metadata.withSpaces(observationSpace(frameStack, frames.height(), frames.width()),
                    actionSpace(actionCount, null));
        }
        return new Columns(metadata, Arrays.copyOf(actions, split.rows()), Arrays.copyOf(rewards, split.rows()),
                split.terminated(), split.truncated(), split.starts(), actionCount, frameStack, frames.height(),
                frames.width());
    }

    private static int[] integers(Path file, String key, double[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] != Math.rint(values[i]) || Math.abs(values[i]) > Integer.MAX_VALUE) {
                throw new DatasetFormatException(file + ": '" + key + "' row " + i + " is " + values[i]
                        + ", expected a discrete action (an integer)");
            }
            out[i] = (int) values[i];
        }
        return out;
    }

    private static int intScalar(Hdf5Columns h, String key, int fallback) {
        Object v = h.scalar(key);
        return v instanceof Number x ? x.intValue() : fallback;
    }

    /** A foreign file's action count: its game's action set when the file name names a game, else the largest action + 1. */
    private static int defaultActionCount(DatasetMetadata metadata, int[] actions, int rows) {
        if (metadata.envId() != null) {
            for (ArcadeTitle t : ArcadeTitle.values()) {
                if (t.id().equals(metadata.envId())) {
                    return t.newGame().actionNames().size();
                }
            }
        }
        int max = 0;
        for (int i = 0; i < rows; i++) {
            max = Math.max(max, actions[i]);
        }
        return max + 1;
    }

    private static int[] identity(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }

    /** The observation space a frame dataset's metadata records. */
    static Map<String, Object> observationSpace(int frameStack, int height, int width) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "frames");
        m.put("dtype", "uint8");
        m.put("shape", new int[] {frameStack, height, width});
        m.put("frame_stack", frameStack);
        m.put("stored", "single frames: row i holds the newest frame of the observation at step i, oldest first when stacked");
        return m;
    }

    /** The discrete action space a frame dataset's metadata records ({@code names} may be null). */
    static Map<String, Object> actionSpace(int actionCount, List<String> names) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "discrete");
        m.put("n", actionCount);
        if (names != null) {
            m.put("names", names);
        }
        return m;
    }
}
