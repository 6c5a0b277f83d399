package dev.lamo.envs.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamo.envs.Json;
import io.jhdf.HdfFile;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a Minari dataset stored as HDF5: a folder with {@code data/metadata.json} and
 * {@code data/main_data.hdf5} (or those two files directly), one group {@code episode_<i>} per episode with
 * {@code observations} of T+1 rows (the last is the final observation), {@code actions}, {@code rewards},
 * {@code terminations} and {@code truncations} of T rows. Dictionary observations (subgroups) are flattened
 * per row in sorted key order, and that order is recorded in the metadata.
 */
public final class MinariReader {

    private MinariReader() {
    }

    /** Whether a path looks like a Minari dataset folder. */
    public static boolean isMinari(Path path) {
        return Files.isDirectory(path) && (Files.isRegularFile(path.resolve("data/main_data.hdf5"))
                || Files.isRegularFile(path.resolve("main_data.hdf5")));
    }

    public static TrajectoryDataset read(Path dir) {
        Path dataDir = Files.isRegularFile(dir.resolve("data/main_data.hdf5")) ? dir.resolve("data") : dir;
        Path file = dataDir.resolve("main_data.hdf5");
        Path metaFile = dataDir.resolve("metadata.json");
        if (!Files.isRegularFile(file)) {
            throw new DatasetFormatException(dir + ": not a Minari dataset (expected data/main_data.hdf5)");
        }
        JsonNode meta = readMetadata(metaFile);
        String sha = Sha256.of(file);
        try (HdfFile hdf = Hdf5Columns.open(file)) {
            Hdf5Columns h = new Hdf5Columns(hdf, file);
            TreeMap<Integer, String> groups = new TreeMap<>();
            for (String name : hdf.getChildren().keySet()) {
                if (name.matches("episode_\\d+")) {
                    groups.put(Integer.parseInt(name.substring(8)), name);
                }
            }
            if (groups.isEmpty()) {
                throw new DatasetFormatException(file + ": no 'episode_<i>' groups (expected Minari's HDF5 layout)");
            }
            List<String> flattenOrder = null;
            List<float[]> obsParts = new ArrayList<>();
            List<float[]> nextParts = new ArrayList<>();
            List<float[]> actParts = new ArrayList<>();
            List<float[]> rewParts = new ArrayList<>();
            List<Boolean> endTerminated = new ArrayList<>();
            List<Integer> lengths = new ArrayList<>();
            List<Long> seeds = new ArrayList<>();
            int obsDim = -1;
            int actDim = -1;
            long dropped = 0;
            for (String g : groups.values()) {
                String actKey = g + "/actions";
                int t = (int) h.rows(actKey);
                Observations o = observations(h, hdf, file, g, t);
                if (flattenOrder == null) {
                    flattenOrder = o.keys();
                    obsDim = o.dim();
                    actDim = h.rowSize(actKey);
                } else if (o.dim() != obsDim || h.rowSize(actKey) != actDim) {
                    throw new DatasetFormatException(file + ": '" + g + "' has observation/action sizes " + o.dim() + "/"
                            + h.rowSize(actKey) + ", expected " + obsDim + "/" + actDim + " like the first episode");
                }
                float[] rewards = h.floats(g + "/rewards");
                boolean[] term = h.flags(g + "/terminations");
                boolean[] trunc = h.flags(g + "/truncations");
                if (rewards.length != t || term.length != t || trunc.length != t) {
                    throw new DatasetFormatException(file + ": '" + g + "' has " + t + " actions but " + rewards.length
                            + " rewards, " + term.length + " terminations and " + trunc.length + " truncations");
                }
                for (int i = 0; i < t - 1; i++) {
                    if (term[i] || trunc[i]) {
                        throw new DatasetFormatException(file + ": '" + g + "' ends at step " + i + " but has " + t + " steps");
                    }
                }
                if (t == 0 || !(term[t - 1] || trunc[t - 1])) {
                    dropped += t;
                    continue;
                }
                float[] flat = o.values();
                float[] obs = new float[t * obsDim];
                float[] next = new float[t * obsDim];
                System.arraycopy(flat, 0, obs, 0, t * obsDim);
                System.arraycopy(flat, obsDim, next, 0, t * obsDim);
                obsParts.add(obs);
                nextParts.add(next);
                actParts.add(h.floats(actKey));
                rewParts.add(rewards);
                endTerminated.add(term[t - 1]);
                lengths.add(t);
                Object seed = seedOf(hdf.getByPath(g));
                seeds.add(seed instanceof Number n ? n.longValue() : null);
            }
            if (lengths.isEmpty()) {
                throw new DatasetFormatException(file + ": no complete episode (none ends with a termination or truncation)");
            }
            int n = lengths.stream().mapToInt(Integer::intValue).sum();
            float[] obs = concat(obsParts, n * obsDim);
            float[] next = concat(nextParts, n * obsDim);
            float[] act = concat(actParts, n * actDim);
            float[] rew = concat(rewParts, n);
            Hdf5Columns.requireFinite(file, "observations", obs, obsDim);
            Hdf5Columns.requireFinite(file, "actions", act, actDim);
            Hdf5Columns.requireFinite(file, "rewards", rew, 1);
            boolean[] terminated = new boolean[n];
            boolean[] truncated = new boolean[n];
            long[] starts = new long[lengths.size() + 1];
            for (int e = 0; e < lengths.size(); e++) {
                starts[e + 1] = starts[e] + lengths.get(e);
                int last = (int) starts[e + 1] - 1;
                terminated[last] = endTerminated.get(e);
                truncated[last] = !endTerminated.get(e);
            }
            Map<String, Object> obsSpace = new LinkedHashMap<>();
            obsSpace.put("type", "box");
            obsSpace.put("shape", new int[] {obsDim});
            obsSpace.put("flatten_order", flattenOrder);
            obsSpace.put("minari", text(meta, "observation_space"));
            Map<String, Object> actSpace = new LinkedHashMap<>();
            actSpace.put("type", "box");
            actSpace.put("shape", new int[] {actDim});
            actSpace.put("minari", text(meta, "action_space"));
            Map<String, Object> extra = new LinkedHashMap<>();
            for (String key : new String[] {"ref_min_score", "ref_max_score", "minari_version", "env_spec", "author"}) {
                if (meta.has(key)) {
                    extra.put(key, meta.get(key).isNumber() ? meta.get(key).asDouble() : meta.get(key).toString());
                }
            }
            extra.put("episode_seeds", seeds);
            String id = meta.has("dataset_id") ? meta.get("dataset_id").asText() : dir.getFileName().toString();
            DatasetMetadata md = DatasetMetadata.of(id, "minari", file.toString(), sha)
                    .withBehavior(meta.has("algorithm_name") ? meta.get("algorithm_name").asText() : null, null, null, null)
                    .withSpaces(obsSpace, actSpace).withDroppedSteps(dropped).withExtra(extra);
            return new TrajectoryDataset(md, FloatMatrix.of(obs, obsDim), FloatMatrix.of(next, obsDim),
                    FloatMatrix.of(act, actDim), rew, terminated, truncated, starts, Map.of());
        } catch (HdfException e) {
            throw new DatasetFormatException(file + ": corrupt or unsupported HDF5 content (" + e.getMessage() + ")", e);
        }
    }

    private record Observations(List<String> keys, int dim, float[] values) {
    }

    /** An episode's T+1 observations, flattened per row (dictionary keys in sorted order). */
    private static Observations observations(Hdf5Columns h, HdfFile hdf, Path file, String group, int t) {
        String key = group + "/observations";
        Node node;
        try {
            node = hdf.getByPath(key);
        } catch (HdfException e) {
            throw new DatasetFormatException(file + ": missing '" + key + "'");
        }
        List<String> leaves = new ArrayList<>();
        collectLeaves(node, key, leaves);
        List<float[]> parts = new ArrayList<>();
        List<Integer> dims = new ArrayList<>();
        int dim = 0;
        for (String leaf : leaves) {
            if (h.rows(leaf) != t + 1) {
                throw new DatasetFormatException(file + ": '" + leaf + "' has " + h.rows(leaf) + " rows, expected "
                        + (t + 1) + " (one more than the episode's " + t + " actions)");
            }
            parts.add(h.floats(leaf));
            dims.add(h.rowSize(leaf));
            dim += h.rowSize(leaf);
        }
        float[] flat = new float[(t + 1) * dim];
        for (int r = 0; r <= t; r++) {
            int pos = r * dim;
            for (int p = 0; p < parts.size(); p++) {
                int d = dims.get(p);
                System.arraycopy(parts.get(p), r * d, flat, pos, d);
                pos += d;
            }
        }
        List<String> keys = leaves.stream().map(l -> l.substring(key.length()).replaceFirst("^/", "")).toList();
        return new Observations(keys.size() == 1 && keys.get(0).isEmpty() ? List.of() : keys, dim, flat);
    }

    private static void collectLeaves(Node node, String path, List<String> out) {
        if (node instanceof Group g) {
            for (String child : new TreeMap<>(g.getChildren()).keySet()) {
                collectLeaves(g.getChild(child), path + "/" + child, out);
            }
        } else {
            out.add(path);
        }
    }

    private static Object seedOf(Node group) {
        var attr = group.getAttribute("seed");
        return attr == null ? null : attr.getData();
    }

    private static JsonNode readMetadata(Path metaFile) {
        if (!Files.isRegularFile(metaFile)) {
            throw new DatasetFormatException(metaFile + ": missing (a Minari dataset has data/metadata.json)");
        }
        try {
            return Json.mapper().readTree(Files.readString(metaFile));
        } catch (IOException e) {
            throw new DatasetFormatException(metaFile + ": not valid JSON (" + e.getMessage() + ")");
        }
    }

    private static String text(JsonNode meta, String key) {
        return meta.has(key) ? meta.get(key).asText() : null;
    }

    private static float[] concat(List<float[]> parts, int n) {
        float[] out = new float[n];
        int pos = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, pos, p.length);
            pos += p.length;
        }
        return out;
    }
}
