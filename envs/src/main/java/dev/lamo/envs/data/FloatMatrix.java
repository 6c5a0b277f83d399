package dev.lamo.envs.data;

import java.util.Arrays;

/**
 * A rows × cols matrix of float32 values in row-major segments, so that it can hold more values than one
 * Java array (2^31 − 1) and never allocates one object per row.
 */
public final class FloatMatrix {

    /** Values per segment, a multiple of the row length chosen at construction (at most 2^27). */
    private static final long SEGMENT_VALUES = 1L << 27;

    private final long rows;
    private final int cols;
    private final int rowsPerSegment;
    private final float[][] segments;

    private FloatMatrix(long rows, int cols, float[][] segments, int rowsPerSegment) {
        this.rows = rows;
        this.cols = cols;
        this.segments = segments;
        this.rowsPerSegment = rowsPerSegment;
    }

    /** A zero matrix. */
    public static FloatMatrix zeros(long rows, int cols) {
        if (rows < 0 || cols <= 0) {
            throw new IllegalArgumentException("matrix needs rows >= 0 and cols > 0, got " + rows + " x " + cols);
        }
        int perSegment = (int) Math.max(1, SEGMENT_VALUES / cols);
        int count = (int) ((rows + perSegment - 1) / perSegment);
        float[][] segments = new float[count][];
        for (int s = 0; s < count; s++) {
            long segRows = Math.min(perSegment, rows - (long) s * perSegment);
            segments[s] = new float[(int) (segRows * cols)];
        }
        return new FloatMatrix(rows, cols, segments, perSegment);
    }

    /** A matrix over row-major values (copied). */
    public static FloatMatrix of(float[] rowMajor, int cols) {
        if (cols <= 0 || rowMajor.length % cols != 0) {
            throw new IllegalArgumentException(rowMajor.length + " values do not form rows of " + cols);
        }
        FloatMatrix m = zeros(rowMajor.length / cols, cols);
        m.setRows(0, rowMajor, 0, (int) m.rows);
        return m;
    }

    /** A matrix over row-major double values, rounded to float32. */
    public static FloatMatrix of(double[] rowMajor, int cols) {
        float[] f = new float[rowMajor.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) rowMajor[i];
        }
        return of(f, cols);
    }

    public long rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public float get(long row, int col) {
        checkRow(row);
        return segments[(int) (row / rowsPerSegment)][(int) (row % rowsPerSegment) * cols + col];
    }

    public void set(long row, int col, float value) {
        checkRow(row);
        segments[(int) (row / rowsPerSegment)][(int) (row % rowsPerSegment) * cols + col] = value;
    }

    /** Copies one row into {@code dst[offset .. offset + cols)}. */
    public void copyRow(long row, float[] dst, int offset) {
        checkRow(row);
        System.arraycopy(segments[(int) (row / rowsPerSegment)], (int) (row % rowsPerSegment) * cols, dst, offset, cols);
    }

    /** Copies one row, widened to double. */
    public void copyRow(long row, double[] dst, int offset) {
        checkRow(row);
        float[] seg = segments[(int) (row / rowsPerSegment)];
        int base = (int) (row % rowsPerSegment) * cols;
        for (int c = 0; c < cols; c++) {
            dst[offset + c] = seg[base + c];
        }
    }

    public float[] row(long row) {
        float[] out = new float[cols];
        copyRow(row, out, 0);
        return out;
    }

    /** Writes {@code count} rows from row-major {@code src} starting at {@code firstRow}. */
    public void setRows(long firstRow, float[] src, int srcOffset, int count) {
        for (int i = 0; i < count; i++) {
            long r = firstRow + i;
            checkRow(r);
            System.arraycopy(src, srcOffset + i * cols, segments[(int) (r / rowsPerSegment)],
                    (int) (r % rowsPerSegment) * cols, cols);
        }
    }

    /** Writes one row of doubles, rounded to float32. */
    public void setRow(long row, double[] src) {
        checkRow(row);
        float[] seg = segments[(int) (row / rowsPerSegment)];
        int base = (int) (row % rowsPerSegment) * cols;
        for (int c = 0; c < cols; c++) {
            seg[base + c] = (float) src[c];
        }
    }

    /** All values row-major in one array; fails if they do not fit in one. */
    public float[] toArray() {
        long n = rows * cols;
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("matrix of " + n + " values does not fit in one array");
        }
        float[] out = new float[(int) n];
        int pos = 0;
        for (float[] seg : segments) {
            System.arraycopy(seg, 0, out, pos, seg.length);
            pos += seg.length;
        }
        return out;
    }

    /** Rows {@code [from, to)} of several ranges, concatenated into a new matrix. */
    public FloatMatrix selectRanges(long[] starts, long[] ends) {
        long total = 0;
        for (int i = 0; i < starts.length; i++) {
            total += ends[i] - starts[i];
        }
        FloatMatrix out = zeros(total, cols);
        float[] buffer = new float[cols];
        long dst = 0;
        for (int i = 0; i < starts.length; i++) {
            for (long r = starts[i]; r < ends[i]; r++) {
                copyRow(r, buffer, 0);
                out.setRows(dst++, buffer, 0, 1);
            }
        }
        return out;
    }

    /** Index of the first non-finite value as {row, col}, or null if all values are finite. */
    public long[] firstNonFinite() {
        long row = 0;
        for (float[] seg : segments) {
            for (int i = 0; i < seg.length; i++) {
                if (!Float.isFinite(seg[i])) {
                    return new long[] {row + i / cols, i % cols};
                }
            }
            row += seg.length / cols;
        }
        return null;
    }

    private void checkRow(long row) {
        if (row < 0 || row >= rows) {
            throw new IndexOutOfBoundsException("row " + row + " of a matrix with " + rows + " rows");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FloatMatrix m && m.rows == rows && m.cols == cols && Arrays.deepEquals(segments, m.segments);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(segments);
    }

    @Override
    public String toString() {
        return "FloatMatrix(" + rows + " x " + cols + ")";
    }
}
