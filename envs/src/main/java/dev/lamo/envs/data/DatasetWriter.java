package dev.lamo.envs.data;

import dev.lamo.envs.Json;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Writes our datasets as HDF5 in D4RL's layout, readable by h5py and by D4RL-style loaders:
 * {@code observations} (N, obs) float32, {@code next_observations}, {@code actions} (N, act) float32,
 * {@code rewards} (N,) float32, {@code terminals} and {@code timeouts} (N,) int8 (0/1; h5py users call
 * {@code .astype(bool)}), {@code infos/qpos} and {@code infos/qvel} float64, and {@code metadata/*}:
 * the main provenance fields as scalars plus everything as JSON in {@code metadata/lamo_json}.
 *
 * <p>Arrays are chunked by rows and deflate-compressed with byte shuffling. The file is written under a
 * temporary name in the same folder and renamed into place, so a crash never leaves a half-written file.
 */
public final class DatasetWriter {

    private static final int CHUNK_ROWS = 16384;

    private DatasetWriter() {
    }

    public static void write(TrajectoryDataset data, Path out) {
        int n = data.size();
        byte[] terminals = new byte[n];
        byte[] timeouts = new byte[n];
        for (int i = 0; i < n; i++) {
            terminals[i] = (byte) (data.terminated(i) ? 1 : 0);
            timeouts[i] = (byte) (data.truncated(i) ? 1 : 0);
        }
        writeColumns(out, data.observations(), data.nextObservations(), data.actions(), data.rewards(), terminals,
                timeouts, data.infos(), data.metadata());
    }

    /**
     * Writes columns in the same layout without requiring complete episodes: rows after the last flag belong to
     * an unfinished episode (a replay buffer in the middle of one), which readers drop or keep as truncated.
     */
    public static void writeColumns(Path out, FloatMatrix observations, FloatMatrix nextObservations, FloatMatrix actions,
                                    float[] rewards, byte[] terminals, byte[] timeouts, Map<String, DoubleMatrix> infos,
                                    DatasetMetadata md) {
        writeAtomically(out, hdf -> {
            int n = rewards.length;
            putMatrix(hdf, "observations", observations);
            if (nextObservations != null) {
                putMatrix(hdf, "next_observations", nextObservations);
            }
            putMatrix(hdf, "actions", actions);
            hdf.putDataset("rewards", rewards, options(n));
            hdf.putDataset("terminals", terminals, options(n));
            hdf.putDataset("timeouts", timeouts, options(n));
            if (infos != null && !infos.isEmpty()) {
                WritableGroup group = hdf.putGroup("infos");
                for (Map.Entry<String, DoubleMatrix> e : infos.entrySet()) {
                    DoubleMatrix m = e.getValue();
                    double[][] rows = new double[m.rows()][];
                    for (int r = 0; r < rows.length; r++) {
                        rows[r] = m.row(r);
                    }
                    group.putDataset(e.getKey(), rows, options(rows.length, m.cols()));
                }
            }
            putMetadata(hdf, md);
        });
    }

    /**
     * Writes an HDF5 file under a temporary name in the target's folder and renames it into place, so a crash
     * never leaves a half-written file under the real name. jhdf writes everything when the file closes.
     */
    public static void writeAtomically(Path out, Consumer<WritableHdfFile> content) {
        Path dir = out.toAbsolutePath().getParent();
        Path tmp = dir.resolve("." + out.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        try {
            Files.createDirectories(dir);
            try (WritableHdfFile hdf = HdfFile.write(tmp)) {
                content.accept(hdf);
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write dataset " + out + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the rename has happened or the write failed; nothing more to clean
            }
        }
    }

    /**
     * The {@code metadata} group: everything as JSON in {@code metadata/lamo_json} (what our readers use) and the
     * main provenance fields as scalars for h5py users.
     */
    public static WritableGroup putMetadata(WritableHdfFile hdf, DatasetMetadata md) {
        WritableGroup meta = hdf.putGroup("metadata");
        meta.putDataset("lamo_json", Json.write(md));
        putIfPresent(meta, "dataset_id", md.datasetId());
        putIfPresent(meta, "env_id", md.envId());
        putIfPresent(meta, "env_version", md.envVersion());
        putIfPresent(meta, "behavior", md.behavior());
        putIfPresent(meta, "source_sha256", md.sourceSha256());
        if (md.generationSeed() != null) {
            meta.putDataset("generation_seed", md.generationSeed().longValue());
        }
        if (md.behaviorScore() != null) {
            meta.putDataset("behavior_score", md.behaviorScore().doubleValue());
        }
        meta.putDataset("sample_ratio", md.sampleRatio());
        return meta;
    }

    private static void putIfPresent(WritableGroup g, String key, String value) {
        if (value != null) {
            g.putDataset(key, value);
        }
    }

    private static void putMatrix(WritableHdfFile hdf, String key, FloatMatrix m) {
        float[][] rows = new float[(int) m.rows()][];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = m.row(r);
        }
        hdf.putDataset(key, rows, options(rows.length, m.cols()));
    }

    /** Row chunks over a 1-d ({@code rows}) or 2-d ({@code rows, cols}) array, shuffled and deflated. */
    public static DatasetCreationOptions options(int rows, int... cols) {
        int chunkRows = Math.max(1, Math.min(rows, CHUNK_ROWS));
        int[] chunk = cols.length == 0 ? new int[] {chunkRows} : new int[] {chunkRows, cols[0]};
        return DatasetCreationOptions.builder().shuffle().deflate(4).chunkDimensions(chunk).build();
    }
}
