package dev.lamo.envs.data.frames;

import dev.lamo.envs.data.DatasetFormatException;
import dev.lamo.envs.data.Hdf5Columns;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.dataset.DatasetBase;
import io.jhdf.exceptions.HdfException;
import io.jhdf.object.datatype.FixedPoint;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code observations} frames of a frame dataset file, inline or in part files (see
 * {@link FrameDatasetWriter}), read by row ranges: jhdf decompresses only the chunks a range touches, so reading
 * a few episodes of a large file reads only their frames.
 */
final class FrameColumn implements AutoCloseable {

    /** Frames per read: bounds the temporary buffer (29 MB of 84×84 frames). */
    private static final int SLICE_FRAMES = 4096;

    private record Part(Path file, HdfFile hdf, DatasetBase frames, long first, long rows) {
    }

    private final List<Part> parts;
    private final int height;
    private final int width;
    private final long rows;

    private FrameColumn(List<Part> parts, int height, int width) {
        this.parts = parts;
        this.height = height;
        this.width = width;
        this.rows = parts.stream().mapToLong(Part::rows).sum();
    }

    /** The frames of {@code file} ({@code columns} reads it); fails with the file and key when they are not uint8 frames. */
    static FrameColumn open(Path file, Hdf5Columns columns) {
        if (columns.has("observations")) {
            Dataset ds = columns.dataset("observations");
            int[] dims = frameDims(file, ds);
            return new FrameColumn(List.of(new Part(file, null, (DatasetBase) ds, 0, dims[0])), dims[1], dims[2]);
        }
        if (!columns.has("observation_part_files")) {
            throw new DatasetFormatException(file + ": missing dataset 'observations' (expected (N, 84, 84) uint8 frames, "
                    + "or 'observation_part_files' naming the files that hold them)");
        }
        Object names = columns.dataset("observation_part_files").getData();
        if (!(names instanceof String[] files) || files.length == 0) {
            throw new DatasetFormatException(file + ": 'observation_part_files' must be a non-empty list of file names");
        }
        List<Part> parts = new ArrayList<>();
        int[] first = null;
        long row = 0;
        try {
            for (String name : files) {
                Path partFile = file.resolveSibling(name);
                if (!Files.isRegularFile(partFile)) {
                    throw new DatasetFormatException(file + ": frame part file " + partFile + " not found (keep the part "
                            + "files beside the main file, under the names in 'observation_part_files')");
                }
                HdfFile hdf = Hdf5Columns.open(partFile);
                parts.add(new Part(partFile, hdf, null, row, 0));
                Dataset ds = new Hdf5Columns(hdf, partFile).dataset("observations");
                int[] dims = frameDims(partFile, ds);
                if (first == null) {
                    first = dims;
                } else if (dims[1] != first[1] || dims[2] != first[2]) {
                    throw new DatasetFormatException(partFile + ": 'observations' frames are " + dims[1] + "×" + dims[2]
                            + ", expected " + first[1] + "×" + first[2] + " as in the first part");
                }
                parts.set(parts.size() - 1, new Part(partFile, hdf, (DatasetBase) ds, row, dims[0]));
                row += dims[0];
            }
        } catch (RuntimeException e) {
            parts.forEach(p -> p.hdf().close());
            throw e;
        }
        return new FrameColumn(parts, first[1], first[2]);
    }

    private static int[] frameDims(Path file, Dataset ds) {
        String key = "observations";
        int[] dims = ds.getDimensions();
        if (dims.length != 3 || !(ds.getDataType() instanceof FixedPoint fp) || fp.getSize() != 1) {
            throw new DatasetFormatException(file + ": '" + key + "' is " + ds.getJavaType().getSimpleName() + " "
                    + java.util.Arrays.toString(dims) + ", expected (N, height, width) uint8 single frames");
        }
        if (!(ds instanceof DatasetBase)) {
            throw new DatasetFormatException(file + ": '" + key + "' cannot be read in slices");
        }
        return dims;
    }

    int height() {
        return height;
    }

    int width() {
        return width;
    }

    long rows() {
        return rows;
    }

    /** Appends frames {@code [from, from + count)} to {@code into}. */
    void copyRows(long from, int count, FrameStore into) {
        int fb = height * width;
        byte[] buffer = new byte[Math.min(count, SLICE_FRAMES) * fb];
        long at = from;
        long end = from + count;
        for (Part p : parts) {
            while (at < end && at < p.first() + p.rows()) {
                if (at < p.first()) {
                    break;
                }
                int n = (int) Math.min(Math.min(end, p.first() + p.rows()) - at, SLICE_FRAMES);
                ByteBuffer slice;
                try {
                    slice = p.frames().getSliceDataBuffer(new long[] {at - p.first(), 0, 0}, new int[] {n, height, width});
                } catch (HdfException e) {
                    throw new DatasetFormatException(p.file() + ": 'observations' rows " + (at - p.first()) + ".."
                            + (at - p.first() + n) + " cannot be read (" + e.getMessage() + ")", e);
                }
                slice.get(buffer, 0, n * fb);
                for (int i = 0; i < n; i++) {
                    into.add(buffer, i * fb);
                }
                at += n;
            }
        }
        if (at != end) {
            throw new IndexOutOfBoundsException("frames " + from + ".." + end + " of " + rows);
        }
    }

    @Override
    public void close() {
        for (Part p : parts) {
            if (p.hdf() != null) {
                p.hdf().close();
            }
        }
    }
}
