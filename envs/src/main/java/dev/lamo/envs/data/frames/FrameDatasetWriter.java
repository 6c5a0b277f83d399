package dev.lamo.envs.data.frames;

import dev.lamo.envs.data.DatasetMetadata;
import dev.lamo.envs.data.DatasetWriter;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.WritableGroup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes a frame dataset as HDF5 in d4rl-atari's layout ({@code stack=False}), streaming: transitions are
 * appended one by one and only single frames are held.
 *
 * <p>Layout of {@code F.hdf5}:
 * <ul>
 *   <li>{@code observations} (N, 84, 84) uint8: row i is the newest frame of the observation at step i (the
 *       stacked observation is rebuilt from the rows before it in the same episode)</li>
 *   <li>{@code actions} (N,) int32, {@code rewards} (N,) float32, {@code terminals} and {@code timeouts} (N,) int8</li>
 *   <li>{@code metadata/*}: as {@link DatasetWriter} (JSON in {@code metadata/lamo_json}) plus {@code frame_stack},
 *       {@code action_count} and {@code action_names}</li>
 * </ul>
 * Arrays are chunked (256 frames, 1.8 MB, per chunk of {@code observations}) and deflate-compressed.
 *
 * <p>jhdf 0.13 writes every dataset when the file closes, each from one Java array that it copies once more
 * while encoding, and a Java array holds at most 2 GiB. So frames are written in parts of at most
 * {@link #PART_FRAMES} (1.8 GB): a dataset that fits in one part (the standard 200k-transition sets) is the
 * single file above, readable by h5py exactly like d4rl-atari's. A larger one (the 1M option) keeps the
 * columns and metadata in {@code F.hdf5} without {@code observations}, and each part's frames in a sibling
 * file {@code F.frames-K.hdf5} (K = 0, 1, ...; {@code observations} (n_K, 84, 84) uint8), listed in order in
 * {@code F.hdf5}'s {@code observation_part_files} (names) and {@code observation_parts} (frame counts); h5py
 * users concatenate the parts. A part is written as soon as it is full, so writing needs about twice one
 * part's frames in memory (the frames and jhdf's encoding copy), not the whole dataset. Every file is written
 * under a temporary name and renamed into place, the main file last.
 */
public final class FrameDatasetWriter {

    /** Frames per part file: 1.8 GB of 84×84 frames, under a Java array's 2 GiB limit. */
    public static final int PART_FRAMES = 262_144;

    private static final int CHUNK_FRAMES = 256;

    private final Path out;
    private final int height;
    private final int width;
    private final int partFrames;
    private byte[][][] part;
    private int inPart;
    private final List<String> partFiles = new ArrayList<>();
    private final List<Long> partSizes = new ArrayList<>();
    private int[] actions = new int[1024];
    private float[] rewards = new float[1024];
    private byte[] terminals = new byte[1024];
    private byte[] timeouts = new byte[1024];
    private int size;
    private boolean finished;

    public FrameDatasetWriter(Path out, int height, int width) {
        this(out, height, width, PART_FRAMES);
    }

    /** With a smaller part size (tests of the multi-part layout). */
    public FrameDatasetWriter(Path out, int height, int width, int partFrames) {
        if (height < 1 || width < 1 || partFrames < 1) {
            throw new IllegalArgumentException("frame size and part size must be positive, got " + height + "×" + width
                    + " and " + partFrames);
        }
        this.out = out;
        this.height = height;
        this.width = width;
        this.partFrames = partFrames;
    }

    /** Writes a whole dataset. */
    public static void write(FrameDataset data, Path out) {
        FrameDatasetWriter w = new FrameDatasetWriter(out, data.height(), data.width());
        byte[] frame = new byte[data.frames().frameBytes()];
        for (int i = 0; i < data.size(); i++) {
            data.frames().copy(i, frame, 0);
            w.append(frame, 0, data.action(i), data.reward(i), data.terminated(i), data.truncated(i));
        }
        w.finish(data.metadata(), data.actionCount(), data.frameStack(), null);
    }

    /** Transitions appended so far. */
    public int size() {
        return size;
    }

    /** Appends a transition whose newest observation frame is {@code frame[offset .. offset + height·width)}. */
    public void append(byte[] frame, int offset, int action, float reward, boolean terminated, boolean truncated) {
        if (finished) {
            throw new IllegalStateException("append after finish: " + out);
        }
        if (inPart == partFrames) {
            flushPart();
        }
        if (part == null) {
            // row references only; each frame's rows are allocated as they arrive
            part = new byte[partFrames][][];
        }
        byte[][] rows = new byte[height][];
        for (int y = 0; y < height; y++) {
            rows[y] = Arrays.copyOfRange(frame, offset + y * width, offset + (y + 1) * width);
        }
        part[inPart++] = rows;
        if (size == actions.length) {
            int grown = actions.length * 2;
            actions = Arrays.copyOf(actions, grown);
            rewards = Arrays.copyOf(rewards, grown);
            terminals = Arrays.copyOf(terminals, grown);
            timeouts = Arrays.copyOf(timeouts, grown);
        }
        actions[size] = action;
        rewards[size] = reward;
        terminals[size] = (byte) (terminated ? 1 : 0);
        timeouts[size] = (byte) (truncated ? 1 : 0);
        size++;
    }

    /**
     * Writes the columns and metadata (and the last part) and renames the files into place.
     *
     * @param actionNames names of the actions, or null when unknown
     */
    public void finish(DatasetMetadata metadata, int actionCount, int frameStack, List<String> actionNames) {
        if (finished || size == 0) {
            throw new IllegalStateException((finished ? "already finished: " : "no transitions to write to ") + out);
        }
        finished = true;
        boolean inline = partFiles.isEmpty();
        byte[][][] frames = inline ? Arrays.copyOf(part, inPart) : null;
        if (!inline) {
            flushPart();
        }
        part = null;
        int n = size;
        DatasetWriter.writeAtomically(out, hdf -> {
            if (inline) {
                hdf.putDataset("observations", frames, frameOptions(frames.length));
            } else {
                hdf.putDataset("observation_part_files", partFiles.toArray(new String[0]));
                hdf.putDataset("observation_parts", partSizes.stream().mapToLong(Long::longValue).toArray());
            }
            hdf.putDataset("actions", Arrays.copyOf(actions, n), DatasetWriter.options(n));
            hdf.putDataset("rewards", Arrays.copyOf(rewards, n), DatasetWriter.options(n));
            hdf.putDataset("terminals", Arrays.copyOf(terminals, n), DatasetWriter.options(n));
            hdf.putDataset("timeouts", Arrays.copyOf(timeouts, n), DatasetWriter.options(n));
            WritableGroup meta = DatasetWriter.putMetadata(hdf, metadata);
            meta.putDataset("frame_stack", frameStack);
            meta.putDataset("action_count", actionCount);
            if (actionNames != null) {
                meta.putDataset("action_names", String.join(",", actionNames));
            }
        });
    }

    private void flushPart() {
        String name = partName(out, partFiles.size());
        byte[][][] frames = Arrays.copyOf(part, inPart);
        part = null;
        inPart = 0;
        DatasetWriter.writeAtomically(out.resolveSibling(name),
                (WritableHdfFile hdf) -> hdf.putDataset("observations", frames, frameOptions(frames.length)));
        partFiles.add(name);
        partSizes.add((long) frames.length);
    }

    /** {@code F.frames-K.hdf5} beside {@code F.hdf5}. */
    static String partName(Path main, int k) {
        String stem = main.getFileName().toString().replaceFirst("\\.(hdf5|h5)$", "");
        return stem + ".frames-" + k + ".hdf5";
    }

    private DatasetCreationOptions frameOptions(int frames) {
        // shuffling single bytes changes nothing, so deflate alone
        return DatasetCreationOptions.builder().unsigned().deflate(4)
                .chunkDimensions(Math.max(1, Math.min(frames, CHUNK_FRAMES)), height, width).build();
    }
}
