package dev.lamo.envs.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.lamo.envs.EnvRegistry;
import dev.lamo.envs.Json;
import io.jhdf.HdfFile;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads HDF5 files in D4RL's layout (flat {@code observations}, {@code actions}, {@code rewards},
 * {@code terminals}, optional {@code timeouts}, {@code next_observations}, {@code infos/*},
 * {@code metadata/*}), which is also the layout our own files use (with the full metadata as JSON in
 * {@code metadata/lamo_json}).
 */
public final class D4rlReader {

    /**
     * @param maxEpisodeLength cut episodes at this many steps (LaMo cuts files without timeouts at 1000); 0: no cut
     * @param keepTrailing     keep a trailing segment without end flag as a truncated episode instead of dropping it
     * @param maxRows          read only the first rows (a replay buffer up to a training step); 0: all
     * @param lamoSplit        LaMo's own trajectory split, for its exact trajectory counts: the rows
     *                         {@code qlearning_dataset} keeps ({@link QlearningRows}), cut at every terminal or after
     *                         {@link #LAMO_CUT} accumulated steps, a trailing uncut segment dropped
     */
    public record Options(int maxEpisodeLength, boolean keepTrailing, long maxRows, boolean lamoSplit) {
        public static final Options DEFAULT = new Options(0, false, 0, false);

        /** LaMo's conversion script cuts a trajectory after this many steps (and its episodes' limit). */
        public static final int LAMO_CUT = 1000;

        public Options(int maxEpisodeLength, boolean keepTrailing) {
            this(maxEpisodeLength, keepTrailing, 0, false);
        }

        public Options(int maxEpisodeLength, boolean keepTrailing, long maxRows) {
            this(maxEpisodeLength, keepTrailing, maxRows, false);
        }
    }

    /** Per-row extras copied into the dataset when present (float64). */
    private static final String[] INFO_KEYS = {"qpos", "qvel", "mocap_pos"};

    private D4rlReader() {
    }

    public static TrajectoryDataset read(Path file) {
        return read(file, Options.DEFAULT);
    }

    public static TrajectoryDataset read(Path file, Options options) {
        if (!Files.isRegularFile(file)) {
            throw new DatasetFormatException(file + ": file not found");
        }
        String sha = Sha256.of(file);
        try (HdfFile hdf = Hdf5Columns.open(file)) {
            Hdf5Columns h = new Hdf5Columns(hdf, file);
            for (String key : new String[] {"observations", "actions", "rewards", "terminals"}) {
                if (!h.has(key)) {
                    throw new DatasetFormatException(file + ": missing dataset '" + key
                            + "' (expected the D4RL layout: observations, actions, rewards, terminals, optional timeouts)");
                }
            }
            long n = h.rows("observations");
            for (String key : new String[] {"actions", "rewards", "terminals", "timeouts", "next_observations"}) {
                if (h.has(key) && h.rows(key) != n) {
                    throw new DatasetFormatException(file + ": '" + key + "' has " + h.rows(key)
                            + " rows but 'observations' has " + n);
                }
            }
            int obsDim = h.rowSize("observations");
            int actDim = h.rowSize("actions");
            float[] obs = h.floats("observations");
            float[] actions = h.floats("actions");
            float[] rewards = h.floats("rewards");
            float[] nextObs = h.has("next_observations") ? h.floats("next_observations") : null;
            Hdf5Columns.requireFinite(file, "observations", obs, obsDim);
            Hdf5Columns.requireFinite(file, "actions", actions, actDim);
            Hdf5Columns.requireFinite(file, "rewards", rewards, 1);
            if (nextObs != null) {
                Hdf5Columns.requireFinite(file, "next_observations", nextObs, obsDim);
            }
            int[] keptRows = null;
            boolean[] terminals = h.flags("terminals");
            boolean[] timeouts = h.has("timeouts") ? h.flags("timeouts") : null;
            if (options.maxRows() > 0 && options.maxRows() < n) {
                terminals = java.util.Arrays.copyOf(terminals, (int) options.maxRows());
                timeouts = timeouts == null ? null : java.util.Arrays.copyOf(timeouts, (int) options.maxRows());
            }
            long removed = 0;
            if (options.lamoSplit()) {
                int[] rows = QlearningRows.kept(terminals, timeouts, Options.LAMO_CUT);
                removed = terminals.length - rows.length;
                obs = select(obs, obsDim, rows);
                actions = select(actions, actDim, rows);
                rewards = select(rewards, 1, rows);
                nextObs = nextObs == null ? null : select(nextObs, obsDim, rows);
                terminals = select(terminals, rows);
                timeouts = null;
                keptRows = rows;
            }
            EpisodeSplitter.Split split = options.lamoSplit()
                    ? EpisodeSplitter.split(terminals, null, Options.LAMO_CUT, false)
                    : EpisodeSplitter.split(terminals, timeouts, options.maxEpisodeLength(), options.keepTrailing());
            if (split.starts().length < 2) {
                throw new DatasetFormatException(file + ": no complete episode (all " + n
                        + " steps end without a terminal or timeout flag; pass a maximum episode length or keep the trailing segment)");
            }
            int rows = split.rows();
            Map<String, DoubleMatrix> infos = new LinkedHashMap<>();
            for (String key : INFO_KEYS) {
                String path = "infos/" + key;
                if (h.has(path)) {
                    if (h.rows(path) != n) {
                        throw new DatasetFormatException(file + ": '" + path + "' has " + h.rows(path)
                                + " rows but 'observations' has " + n);
                    }
                    int cols = h.rowSize(path);
                    double[] values = keptRows == null ? h.doubles(path) : select(h.doubles(path), cols, keptRows);
                    infos.put(key, new DoubleMatrix(prefix(values, rows * cols), cols));
                }
            }
            DatasetMetadata recorded = metadata(file, sha, h, hdf);
            // steps dropped when the file was made stay counted, beside those dropped now
            DatasetMetadata metadata = recorded.withDroppedSteps(recorded.droppedSteps() + removed + split.dropped());
            return new TrajectoryDataset(metadata, FloatMatrix.of(prefix(obs, rows * obsDim), obsDim),
                    nextObs == null ? null : FloatMatrix.of(prefix(nextObs, rows * obsDim), obsDim),
                    FloatMatrix.of(prefix(actions, rows * actDim), actDim), prefix(rewards, rows),
                    split.terminated(), split.truncated(), split.starts(), infos);
        } catch (HdfException e) {
            throw new DatasetFormatException(file + ": corrupt or unsupported HDF5 content (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The metadata of a file in this layout: ours from {@code metadata/lamo_json} (with the file as source), or,
     * for foreign files, an id from the file name, the environment its name starts with, and the scalars under
     * {@code metadata/}.
     */
    public static DatasetMetadata metadata(Path file, String sha, Hdf5Columns h, HdfFile hdf) {
        Object lamoJson = h.scalar("metadata/lamo_json");
        if (lamoJson instanceof String json) {
            try {
                DatasetMetadata ours = Json.mapper().readValue(json, DatasetMetadata.class);
                // the file we read is the source now; the recorded source stays in the history
                return ours.withExtra(Map.of("written_from", ours.sourceFile() == null ? "" : ours.sourceFile()))
                        .withSource("lamo", file.toString(), sha);
            } catch (JsonProcessingException e) {
                throw new DatasetFormatException(file + ": 'metadata/lamo_json' is not valid dataset metadata ("
                        + e.getOriginalMessage() + ")");
            }
        }
        String name = file.getFileName().toString().replaceFirst("\\.(hdf5|h5)$", "");
        DatasetMetadata m = DatasetMetadata.of(name.replace('_', '-'), "d4rl", file.toString(), sha);
        for (String id : EnvRegistry.ids()) {
            if (name.startsWith(id + "_") || name.startsWith(id + "-")) {
                m = m.withEnv(id, name.contains("-v2") ? "v2" : null);
            }
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        if (h.has("metadata")) {
            collectScalars(hdf.getByPath("metadata"), "metadata/", extra);
        }
        Object algorithm = extra.get("metadata/algorithm");
        return m.withBehavior(algorithm == null ? null : algorithm.toString(), null, null, null).withExtra(extra);
    }

    /** Scalar values under a group (strings and numbers), skipping arrays such as policy weights. */
    private static void collectScalars(Node node, String prefix, Map<String, Object> out) {
        if (node instanceof Group g) {
            for (Node child : g.getChildren().values()) {
                collectScalars(child, prefix + child.getName() + (child instanceof Group ? "/" : ""), out);
            }
        } else if (node instanceof io.jhdf.api.Dataset ds && ds.isScalar()) {
            Object v = ds.getData();
            if (v instanceof String || v instanceof Number) {
                out.put(prefix.replaceFirst("/$", ""), v);
            }
        }
    }

    /** The rows {@code rows} of a row-major matrix with {@code cols} columns. */
    private static float[] select(float[] values, int cols, int[] rows) {
        float[] out = new float[rows.length * cols];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(values, rows[r] * cols, out, r * cols, cols);
        }
        return out;
    }

    private static double[] select(double[] values, int cols, int[] rows) {
        double[] out = new double[rows.length * cols];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(values, rows[r] * cols, out, r * cols, cols);
        }
        return out;
    }

    private static boolean[] select(boolean[] values, int[] rows) {
        boolean[] out = new boolean[rows.length];
        for (int r = 0; r < rows.length; r++) {
            out[r] = values[rows[r]];
        }
        return out;
    }

    private static float[] prefix(float[] values, int n) {
        if (values.length == n) {
            return values;
        }
        float[] out = new float[n];
        System.arraycopy(values, 0, out, 0, n);
        return out;
    }

    private static double[] prefix(double[] values, int n) {
        if (values.length == n) {
            return values;
        }
        double[] out = new double[n];
        System.arraycopy(values, 0, out, 0, n);
        return out;
    }
}
